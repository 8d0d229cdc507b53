"""`./dev fmt`: format and fix in place what the gate's style steps check."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dev_cli.gate import bazel_files, python, run_tool
from dev_cli.repo import repo_root

NAME = "fmt"
HELP = "format and fix in place: ruff's fixes and ruff format (Python), buildifier (Bazel files)"
EXAMPLE = "./dev fmt             (then ./dev test: its buildifier and ruff steps pass)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No options: it formats every tracked file, as `./dev test` checks every one."""


def fix_python(root: Path) -> bool:
    """ruff's safe fixes (imports, upgrades, ...), then ruff format; True when nothing is left."""
    ruff = [python(), "-m", "ruff"]
    # Fixes first (sorted imports can change the format), then the format, then the verdict:
    # what is left after formatting (a long line the format splits is no problem).
    run_tool([*ruff, "check", "--fix", "--silent", "--exit-zero", "."], root)
    formatted = run_tool([*ruff, "format", "--quiet", "."], root)
    return run_tool([*ruff, "check", "--quiet", "."], root) and formatted


def fix_bazel(root: Path) -> bool:
    """buildifier's lint fixes and format on every Bazel file; True when no warning is left."""
    return run_tool(["buildifier", "--mode=fix", "--lint=fix", *bazel_files(root)], root)


def fix_style(root: Path) -> bool:
    """Both fixers; True when the gate's buildifier and ruff steps will pass."""
    python_ok = fix_python(root)
    bazel_ok = fix_bazel(root)
    return python_ok and bazel_ok


def run(args: argparse.Namespace) -> int:
    """Format and fix; exit 1 (with the problems above) when something needs a hand edit."""
    if fix_style(repo_root()):
        print("fmt: formatted; the buildifier and ruff steps of ./dev test pass")
        return 0
    print("fmt: formatted what could be; the problems above need an edit by hand", file=sys.stderr)
    return 1
