"""gear_layout.roots: the import roots follow the root, and can be put on the path."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from gear_layout import SHARED_PYTHON_ROOTS, python_roots, shared_python_roots, use_python_roots


def test_python_roots_follow_the_root(tmp_path: Path) -> None:
    manifest = tmp_path / "gears" / "tiny" / "src" / "docker" / "manifest.json"
    manifest.parent.mkdir(parents=True)
    manifest.write_text('{"name": "tiny"}')
    assert python_roots(tmp_path) == [
        tmp_path / "common" / "src" / "python",
        tmp_path / "tools",
        tmp_path / "gears" / "tiny" / "src" / "python",
    ]


def test_the_shared_roots_are_common_and_tools(tmp_path: Path) -> None:
    assert SHARED_PYTHON_ROOTS == ("common/src/python", "tools")
    assert shared_python_roots(tmp_path) == [tmp_path / "common/src/python", tmp_path / "tools"]


def test_use_python_roots_sets_the_path_and_keeps_pythonpath(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "path", ["", "/site"])
    monkeypatch.setenv("PYTHONPATH", "/mine")
    use_python_roots(tmp_path)
    roots = [str(tmp_path / "common" / "src" / "python"), str(tmp_path / "tools")]
    assert sys.path == ["", *roots, "/site"]
    assert os.environ["PYTHONPATH"] == os.pathsep.join([*roots, "/mine"])
