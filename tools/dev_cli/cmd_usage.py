"""`./dev usage`: every gear's code reads exactly the config and inputs its manifest declares."""

from __future__ import annotations

import argparse
import sys

from dev_cli.gate import run_module
from dev_cli.repo import repo_root
from gear_layout import UnknownGearError, resolve_gear

NAME = "usage"
HELP = "check that each gear reads exactly the config options and inputs its manifest declares"
EXAMPLE = "./dev usage            (or: ./dev usage project_management)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Optional gear names; default every gear."""
    parser.add_argument("gears", nargs="*", help="gear folders or manifest names (default: all)")


def run(args: argparse.Namespace) -> int:
    """Run `python -m config_usage` with the import roots (it reads gear_spec and gear_layout)."""
    root = repo_root()
    try:
        gears = [resolve_gear(name, root) for name in args.gears]
    except UnknownGearError as error:
        print(f"usage: {error}", file=sys.stderr)
        return 2
    return 0 if run_module("config_usage", root, *(str(gear.root) for gear in gears)) else 1
