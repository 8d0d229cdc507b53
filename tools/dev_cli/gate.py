"""Steps of the offline gate (`./dev test`): each runs one check and says whether it passed."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

from buildcheck.files import list_repo_files
from gear_layout import python_roots


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


def run_module(module: str, root: Path, *args: str) -> bool:
    """`python -m MODULE --root ROOT ARGS...` (a checker of tools/) as run_tool runs it."""
    return run_tool([python(), "-m", module, "--root", str(root), *args], root)


def tracked_files(root: Path, *patterns: str) -> list[str]:
    """Files git knows (tracked, or new and not ignored) matching the glob patterns."""
    return [p for p in list_repo_files(root) if any(fnmatchcase(p, g) for g in patterns)]


def bazel_files(root: Path) -> list[str]:
    """Every BUILD, .bzl and MODULE.bazel file of the repository."""
    return tracked_files(root, "*BUILD.bazel", "*.bzl", "MODULE.bazel")


def python_files(root: Path) -> list[str]:
    """Every Python file of the repository."""
    return tracked_files(root, "*.py")


def python() -> str:
    """The interpreter of ./dev's .venv."""
    return sys.executable
