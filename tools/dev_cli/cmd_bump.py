"""`./dev bump GEAR VERSION`: release a gear's next version in every place that names it."""

from __future__ import annotations

import argparse
import sys

from dev_cli.repo import repo_root
from gear_layout import UnknownGearError, resolve_gear
from gear_release.bump import BumpError, bump_gear
from gear_release.changelog import NO_NOTES

NAME = "bump"
HELP = "set a gear's version: manifest version and image, BUILD image tag, CHANGELOG heading"
EXAMPLE = "./dev bump project_management 0.2.0"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """GEAR (folder or manifest name) and VERSION."""
    parser.add_argument("gear", help="the gear's folder or manifest name")
    parser.add_argument("version", help="the new version, greater than the current one")


def run(args: argparse.Namespace) -> int:
    """Bump, or say why not (nothing written then)."""
    root = repo_root()
    try:
        gear = resolve_gear(args.gear, root)
        plan = bump_gear(root, gear.root, args.version)
    except (UnknownGearError, BumpError) as error:
        print(f"bump: {error}", file=sys.stderr)
        return 1
    for change in plan.changes:
        print(f"wrote {change.path.relative_to(root)}")
    if not plan.had_notes:
        print(f"note: CHANGELOG.md had no notes under Unreleased; wrote {NO_NOTES!r}")
    print(f"{gear.folder}: {plan.old_version} -> {plan.new_version}")
    return 0
