"""The one choice of a gear child's interpreter and import path: ./dev's or the test's own."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from gear_run import GearInterpreter, current_interpreter, gear_interpreter
from gear_run.interpreter import in_bazel_test

BAZEL = {"TEST_SRCDIR": "/runfiles"}


@pytest.fixture
def repo_with_venv(tmp_path: Path) -> Path:
    python = tmp_path / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text("#!/bin/sh\n")
    return tmp_path


def test_dev_mode_uses_the_venv_python_and_the_given_roots(repo_with_venv: Path) -> None:
    roots = [repo_with_venv / "common" / "src" / "python", repo_with_venv / "tools"]
    chosen = gear_interpreter(repo_with_venv, roots, environ={})
    assert chosen == GearInterpreter(
        python=repo_with_venv / ".venv" / "bin" / "python", import_roots=tuple(roots)
    )


def test_dev_mode_without_a_venv_uses_this_interpreter(tmp_path: Path) -> None:
    chosen = gear_interpreter(tmp_path, [tmp_path / "tools"], environ={})
    assert chosen.python == Path(sys.executable)
    assert chosen.import_roots == (tmp_path / "tools",)


def test_inside_a_bazel_test_the_child_uses_this_interpreter_and_import_path(
    repo_with_venv: Path,
) -> None:
    chosen = gear_interpreter(repo_with_venv, [repo_with_venv / "tools"], environ=BAZEL)
    assert chosen.python == Path(sys.executable)  # never the source tree's .venv
    assert chosen.import_roots == tuple(Path(entry) for entry in sys.path if entry)
    assert repo_with_venv / "tools" not in chosen.import_roots  # never the source tree
    assert chosen == current_interpreter()


def test_bazel_is_recognised_by_test_srcdir(monkeypatch: pytest.MonkeyPatch) -> None:
    assert in_bazel_test(BAZEL)
    assert not in_bazel_test({})
    assert not in_bazel_test({"TEST_SRCDIR": ""})
    monkeypatch.setenv("TEST_SRCDIR", "/runfiles")
    assert in_bazel_test()
    assert gear_interpreter(Path("/nowhere"), [Path("/nowhere/tools")]) == current_interpreter()
