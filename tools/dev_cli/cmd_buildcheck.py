"""`./dev buildcheck`: the offline build check (Bazel files evaluated with Starlark, no Bazel)."""

from __future__ import annotations

import argparse

from buildcheck.cli import print_modules, run_check
from dev_cli.repo import repo_root

NAME = "buildcheck"
HELP = (
    "evaluate MODULE.bazel and every BUILD file offline and check module resolution, labels, "
    "deps and gears"
)
EXAMPLE = "./dev buildcheck"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """It checks the whole repository; --modules prints the resolved module graph instead."""
    parser.add_argument(
        "--modules",
        action="store_true",
        help="print the module graph resolved from the BCR record, one module@version per line",
    )


def run(args: argparse.Namespace) -> int:
    """Run the check over the repository; 1 when it finds a problem."""
    if args.modules:
        return print_modules(repo_root())
    return run_check(repo_root())
