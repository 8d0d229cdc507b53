"""`./dev new-gear NAME`: a new gear with the whole layout, ready for ./dev test and ./dev run."""

from __future__ import annotations

import argparse
import sys

from dev_cli.repo import repo_root
from gear_scaffold import GearNames, ScaffoldError, create_gear

NAME = "new-gear"
HELP = "create a gear from templates: manifest, BUILD files, run.py/main.py, test, data, CHANGELOG"
EXAMPLE = "./dev new-gear sample-gear --input project_file:csv --gear-bot"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """NAME, --gear-bot, --input NAME[:EXT] (repeatable)."""
    parser.add_argument("name", help="the manifest name, e.g. sample-gear (folder sample_gear)")
    parser.add_argument(
        "--gear-bot",
        action="store_true",
        help="let jobs use the gear bot API key from AWS SSM (config apikey_path_prefix)",
    )
    parser.add_argument(
        "--input",
        dest="inputs",
        action="append",
        default=[],
        metavar="NAME[:EXT]",
        help="a file input the gear reads (repeatable), e.g. project_file or centers:csv; EXT"
        " (default txt) names its example file data/NAME.EXT and sets the manifest's file type",
    )


def run(args: argparse.Namespace) -> int:
    """Create the gear, or say why not (nothing written then)."""
    root = repo_root()
    try:
        folder = create_gear(root, args.name, gear_bot=args.gear_bot, inputs=args.inputs)
    except ScaffoldError as error:
        print(f"new-gear: {error}", file=sys.stderr)
        return 1
    relative = folder.relative_to(root)
    print(f"created {relative}/ and added {folder.name!r} to tools/bazel/gears.bzl")
    print(f"next: edit {relative}/src/python/{GearNames(args.name).app}/main.py (write its")
    print("  imports; add a test_*.py under test/python for each thing to test), then")
    print(f"  ./dev deps --fix {relative}   (BUILD deps from the imports, a py_test per test file)")
    print(f"  ./dev test   and   ./dev run {folder.name} --standin --example")
    return 0
