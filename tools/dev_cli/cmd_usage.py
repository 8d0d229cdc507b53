"""`./dev usage`: every gear's code reads exactly the config and inputs its manifest declares."""

from __future__ import annotations

import argparse
import sys

from config_usage import check_gear, check_usage
from dev_cli.repo import UnknownGearError, repo_root, resolve_gear

NAME = "usage"
HELP = "check that each gear reads every config option and input its manifest declares, and no other"
EXAMPLE = "./dev usage            (or: ./dev usage project_management)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Optional gear names; default every gear."""
    parser.add_argument("gears", nargs="*", help="gear folders or manifest names (default: all)")


def run(args: argparse.Namespace) -> int:
    """Print every problem; exit 1 when there is any."""
    root = repo_root()
    try:
        gears = [resolve_gear(name, root) for name in args.gears]
    except UnknownGearError as error:
        print(f"usage: {error}", file=sys.stderr)
        return 2
    problems = (
        [line for gear in gears for line in check_gear(gear.root, root)]
        if gears
        else check_usage(root)
    )
    for line in problems:
        print(line, file=sys.stderr)
    print(f"config usage: {len(problems)} problem(s)" if problems else "config usage: ok")
    return 1 if problems else 0
