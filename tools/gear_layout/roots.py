"""The Python import roots, as Bazel's `imports` attributes set them: common, tools, each gear."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from gear_layout.gears import all_gears

# Repository-relative roots of the shared packages (a gear's app package must not shadow them).
SHARED_PYTHON_ROOTS = ("common/src/python", "tools")


def shared_python_roots(root: Path) -> list[Path]:
    """The import roots of the shared packages: common/src/python and tools."""
    return [root / relative for relative in SHARED_PYTHON_ROOTS]


def python_roots(root: Path) -> list[Path]:
    """Every import root: the shared ones, then each gear's src/python."""
    return [*shared_python_roots(root), *(gear.python_root for gear in all_gears(root))]


def use_python_roots(root: Path) -> None:
    """Put the import roots first on this process's path and its children's PYTHONPATH."""
    roots = [str(p) for p in python_roots(root)]
    sys.path[1:1] = [r for r in roots if r not in sys.path]
    inherited = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join([*roots, *([inherited] if inherited else [])])
