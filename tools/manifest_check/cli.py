"""Command line of the manifest check; Bazel's `manifest_check` genrule runs it.

With --out, the checked manifest is copied there, so the image is built from a manifest that
passed the check and a mismatch fails `bazel build`.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from manifest_check.check import check_manifest

EXPLICIT_FLAGS = ("manifest", "name", "repository", "tag")


def add_arguments(parser: argparse.ArgumentParser, *, required: bool = True) -> None:
    """The check's arguments (shared with `./dev check-manifest`, where they are optional)."""
    parser.add_argument("--manifest", type=Path, required=required, help="the gear's manifest.json")
    parser.add_argument("--name", required=required, help="the image target's name")
    parser.add_argument(
        "--repository",
        required=required,
        help="the image repository, e.g. index.docker.io/org/gear",
    )
    parser.add_argument(
        "--tag",
        action="append",
        default=[],
        required=required,
        help="an image tag; the first is the version",
    )
    parser.add_argument("--out", type=Path, help="copy the checked manifest here when it passes")


def run(args: argparse.Namespace) -> int:
    """Print every problem; exit 0 only when the manifest passes."""
    problems = check_manifest(args.manifest, args.name, args.repository, args.tag)
    for line in problems:
        print(line, file=sys.stderr)
    if problems:
        print(f"manifest check: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    if args.out is not None:
        shutil.copyfile(args.manifest, args.out)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `check_manifest` binary."""
    parser = argparse.ArgumentParser(description=__doc__)
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
