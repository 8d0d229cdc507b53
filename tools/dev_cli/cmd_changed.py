"""`./dev changed`: the gears to release, and (--check, for CI) that their versions went up."""

from __future__ import annotations

import argparse
import sys

from dev_cli.repo import repo_root
from gear_release.changed import changed_gears, version_problems
from gear_release.git import GitError
from gear_release.image_inputs import GraphDependencies
from gear_release.release_tags import release_tag

NAME = "changed"
HELP = "list gears whose image inputs changed since their last release tag (<name>/v<version>)"
EXAMPLE = "./dev changed --since main --verbose      (CI: ./dev changed --check)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--since REV, --check, --verbose."""
    parser.add_argument(
        "--since",
        metavar="REV",
        help="compare every gear with this revision (default: each gear's last release tag)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="fail when a changed gear's manifest version is not higher than at the base",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="list the changed files")


def run(args: argparse.Namespace) -> int:
    """Print one changed gear folder per line; with --check, exit 1 on a missing bump."""
    root = repo_root()
    try:
        changes = changed_gears(root, GraphDependencies.from_root(root), args.since)
    except GitError as error:
        print(f"changed: {error}", file=sys.stderr)
        return 2
    for change in changes:
        if not change.changed:
            continue
        print(change.folder)
        if args.verbose:
            if change.base is None:
                print(f"  never released (no tag {release_tag(change.name, '*')})")
            elif change.base_version is None:
                print(f"  new since {change.base}")
            for path in change.files:
                print(f"  {path}")
    if not args.check:
        return 0
    problems = version_problems(changes)
    for line in problems:
        print(f"changed --check: {line}", file=sys.stderr)
    return 1 if problems else 0
