"""`python -m buildcheck [--root DIR]`: print what the offline build check finds (exit 1 if any)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

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


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the py_binary and of `python -m buildcheck`."""
    parser = argparse.ArgumentParser(prog="buildcheck", description=__doc__)
    add_arguments(parser)
    args = parser.parse_args(argv)
    return run_check(args.root)
