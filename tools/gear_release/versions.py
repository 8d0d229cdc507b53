"""Gear versions: valid as a Python version and as a docker tag, and only ever moving up."""

from __future__ import annotations

import re

from packaging.version import InvalidVersion, Version

# https://docs.docker.com/reference/cli/docker/image/tag/: a tag is up to 128 characters.
DOCKER_TAG = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")


class VersionError(ValueError):
    """A version that cannot be used for the next release."""


def parse_version(text: str, *, what: str = "version") -> Version:
    """`text` as a packaging Version; VersionError naming `what` when it is not one."""
    try:
        return Version(text)
    except InvalidVersion:
        raise VersionError(
            f"{what} {text!r} is not a valid version (use MAJOR.MINOR.PATCH, e.g. 0.2.0)"
        ) from None


def check_next_version(current: str, proposed: str) -> None:
    """Raise VersionError unless `proposed` is a clean docker tag greater than `current`."""
    if proposed.startswith(("v", "V")):
        raise VersionError(f"version {proposed!r}: write it without the 'v' ({proposed[1:]!r})")
    if not DOCKER_TAG.match(proposed):
        raise VersionError(
            f"version {proposed!r} is not a valid docker tag (letters, digits, '_', '.', '-';"
            " at most 128 characters, not starting with '.' or '-')"
        )
    new = parse_version(proposed)
    old = parse_version(current, what="current manifest version")
    if new <= old:
        raise VersionError(
            f"version {proposed} is not greater than the current version {current};"
            " pick a higher one"
        )
