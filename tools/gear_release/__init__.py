"""Gear releases: version bumps (manifest, BUILD tags, CHANGELOG together) and changed gears."""
