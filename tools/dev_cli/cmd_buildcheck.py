"""`./dev buildcheck`: the offline build check (Bazel files evaluated with Starlark, no Bazel)."""

from __future__ import annotations

import argparse

from buildcheck.cli import run_check
from dev_cli.repo import repo_root

NAME = "buildcheck"
HELP = "evaluate MODULE.bazel and every BUILD file offline and check labels, deps and gears"
EXAMPLE = "./dev buildcheck"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No arguments: it checks the whole repository."""
    del parser


def run(args: argparse.Namespace) -> int:
    """Run the check over the repository; 1 when it finds a problem."""
    del args
    return run_check(repo_root())
