"""Steps of the offline gate (`./dev test`): each runs one check and says whether it passed."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from dev_cli.repo import python_roots


@dataclass(frozen=True)
class Step:
    """One named check of the gate."""

    name: str
    run: Callable[[Path], bool]


def tool_env(root: Path) -> dict[str, str]:
    """The environment tools run in: the import roots on PYTHONPATH and MYPYPATH."""
    roots = os.pathsep.join(str(p) for p in python_roots(root))
    env = dict(os.environ)
    env["PYTHONPATH"] = roots
    env["MYPYPATH"] = roots
    return env


def run_tool(argv: Sequence[str], root: Path) -> bool:
    """Run one tool from the repository root; True when it exits 0."""
    return subprocess.run(list(argv), cwd=root, env=tool_env(root), check=False).returncode == 0


def tracked_files(root: Path, *patterns: str) -> list[str]:
    """Files git knows (tracked, or new and not ignored) matching the patterns."""
    out = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "--", *patterns],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return sorted({line for line in out.splitlines() if (root / line).is_file()})


def bazel_files(root: Path) -> list[str]:
    """Every BUILD, .bzl and MODULE.bazel file of the repository."""
    return tracked_files(root, "*BUILD.bazel", "*.bzl", "MODULE.bazel")


def python_files(root: Path) -> list[str]:
    """Every Python file of the repository."""
    return tracked_files(root, "*.py")


def python() -> str:
    """The interpreter of ./dev's .venv."""
    return sys.executable
