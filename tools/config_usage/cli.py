"""Command line of the config usage check: `python -m config_usage [--root DIR] [GEAR_DIR ...]`.

It runs as its own process (as `./dev usage` and `./dev test` start it), with the repository's
import roots; the keys the runtime reads itself come from `gear_spec`, so no SDK is imported.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from config_usage.check import check_gear, check_usage


def main(argv: Sequence[str] | None = None) -> int:
    """Print every problem to stderr; exit 1 when there is any."""
    parser = argparse.ArgumentParser(prog="python -m config_usage", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the repository root")
    parser.add_argument("gear_dirs", nargs="*", type=Path, help="gear folders (default: all)")
    args = parser.parse_args(argv)
    root: Path = args.root
    if args.gear_dirs:
        problems = [line for gear in args.gear_dirs for line in check_gear(gear, root)]
    else:
        problems = check_usage(root)
    for line in problems:
        print(line, file=sys.stderr)
    print(f"config usage: {len(problems)} problem(s)" if problems else "config usage: ok")
    return 1 if problems else 0
