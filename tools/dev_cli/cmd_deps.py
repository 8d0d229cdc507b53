"""`./dev deps`: the deps each Python target lacks or lists unused, from its imports."""

from __future__ import annotations

import argparse
import sys

from build_deps.apply import ToolMissingError
from build_deps.cli import add_arguments as deps_arguments
from build_deps.cli import run as run_deps
from dev_cli.repo import repo_root

NAME = "deps"
HELP = (
    "the deps each Python target lacks or never imports (and test files without a target); "
    "--fix applies them with buildozer"
)
EXAMPLE = "./dev deps --fix gears/project_management"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--fix and the paths to look at."""
    deps_arguments(parser)


def run(args: argparse.Namespace) -> int:
    """Report or fix; 1 when something is left to change."""
    try:
        return run_deps(repo_root(), args.paths, args.fix)
    except (ToolMissingError, RuntimeError) as error:
        print(f"deps: {error}", file=sys.stderr)
        return 1
