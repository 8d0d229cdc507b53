"""`python -m buildcheck [--root DIR] [--modules]`: what the offline check finds (exit 1 if any)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from bcr_facts.repo import check_repository
from buildcheck.checks import graph_problems
from buildcheck.graph import load_graph


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The check's arguments."""
    parser.add_argument(
        "--root",
        type=Path,
        default=Path.cwd(),
        help="repository root (default: the current directory)",
    )
    parser.add_argument(
        "--modules",
        action="store_true",
        help="print the resolved module graph (module@version per line) instead",
    )


def run_check(root: Path, out: TextIO = sys.stdout) -> int:
    """Evaluate, check, print the summary and the problems; return the exit code."""
    graph = load_graph(root.resolve())
    problems = graph_problems(graph)
    print(
        f"buildcheck: evaluated {len(graph.targets)} targets in {len(graph.packages)} packages",
        file=out,
    )
    if not problems:
        print("ok", file=out)
        return 0
    for problem in problems:
        print(problem, file=out)
    return 1


def print_modules(root: Path, out: TextIO = sys.stdout) -> int:
    """Print the module graph resolved from the registry record; 1 (and why) if it fails."""
    resolution = check_repository(root.resolve())
    for line in resolution.lines():
        print(line, file=out)
    for problem in resolution.problems:
        print(f"MODULE.bazel: {problem}", file=sys.stderr)
    return 1 if resolution.problems else 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the py_binary and of `python -m buildcheck`."""
    parser = argparse.ArgumentParser(prog="buildcheck", description=__doc__)
    add_arguments(parser)
    args = parser.parse_args(argv)
    if args.modules:
        return print_modules(args.root)
    return run_check(args.root)
