"""`./dev fmt` leaves the gate's style steps (buildifier, ruff) green, on a small messy tree."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from dev_cli import cmd_fmt, cmd_test
from dev_cli.main import main
from dev_cli.repo import repo_root

MESSY_PY = """import sys
import os
from typing import List
def joined(parts:List[str])->str:
    return os.sep.join( parts )+sys.argv[0]
"""
MESSY_BUILD = """load("@rules_python//python:py_library.bzl", "py_library")
py_library(name='lib', srcs=["b.py","a.py"], visibility=["//visibility:public"])
"""

SETTINGS = repo_root() / "pyproject.toml"  # the repository's ruff settings
needs_buildifier = pytest.mark.skipif(
    shutil.which("buildifier") is None, reason="buildifier comes with ./dev (npm), not Bazel"
)


def messy_tree(root: Path) -> Path:
    """A git tree with the repository's tool settings, one messy Python and BUILD file."""
    shutil.copyfile(SETTINGS, root / "pyproject.toml")
    (root / "pkg").mkdir()
    (root / "pkg" / "a.py").write_text(MESSY_PY)
    (root / "pkg" / "b.py").write_text("")
    (root / "pkg" / "BUILD.bazel").write_text(MESSY_BUILD)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    return root


@needs_buildifier
def test_fmt_makes_the_style_steps_pass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = messy_tree(tmp_path)
    assert not cmd_test.ruff(root)
    assert not cmd_test.buildifier(root)
    monkeypatch.setenv("DEV_REPO_ROOT", str(root))
    assert main(["fmt"]) == 0
    assert cmd_test.ruff(root)
    assert cmd_test.buildifier(root)
    text = (root / "pkg" / "a.py").read_text()
    assert "import os\nimport sys\n" in text
    assert "def joined(parts: list[str]) -> str:" in text
    assert (
        'srcs = [\n        "a.py",\n        "b.py",\n    ],'
        in (root / "pkg/BUILD.bazel").read_text()
    )


@needs_buildifier
def test_fmt_fails_naming_what_needs_a_hand_edit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    root = messy_tree(tmp_path)
    (root / "pkg" / "a.py").write_text(MESSY_PY + "\n\ndef f(x: int) -> None:\n    y = x\n")
    monkeypatch.setenv("DEV_REPO_ROOT", str(root))
    assert main(["fmt"]) == 1
    captured = capfd.readouterr()
    assert "F841" in captured.out + captured.err  # an unused variable: no safe fix
    assert "fmt: formatted what could be; the problems above need an edit by hand" in captured.err
    assert cmd_fmt.fix_bazel(root)
