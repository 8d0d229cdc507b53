"""Every failed gate step says how to fix it; mypy's install hints say what to do here."""

from __future__ import annotations

from pathlib import Path

import pytest

from dev_cli import cmd_test
from dev_cli.fix_hints import STEP_FIXES, mypy_lines, step_fix


def test_every_gate_step_has_a_fix(tmp_path: Path) -> None:
    names = [step.name for step in cmd_test.gate_steps([], tmp_path / "junit.xml")]
    assert [name for name in names if name not in STEP_FIXES] == []
    assert "./dev fmt" in step_fix("ruff")
    assert "./dev fmt" in step_fix("buildifier")
    assert step_fix("lock") == "run ./dev lock"


def test_mypy_missing_stubs_point_at_requirements_in_not_pip(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "uses_six.py").write_text("import six\n\nprint(six)\n")
    assert not cmd_test.mypy(tmp_path)
    out = capsys.readouterr().out
    assert 'error: Library stubs not installed for "six"' in out
    assert (
        "uses_six.py:1: note: in this repository: add types-six to requirements.in (Tools) and"
        " run ./dev lock; ./dev then rebuilds .venv"
    ) in out
    assert "pip install" not in out
    assert "--install-types" not in out


def test_untyped_and_unknown_modules_get_this_repositorys_fix() -> None:
    shown = mypy_lines(
        [
            'a.py:3: error: Skipping analyzing "jsonschema_specifications.x": module is'
            " installed, but missing library stubs or py.typed marker  [import-untyped]",
            'a.py:4: error: Cannot find implementation or library stub for module named "nope"'
            "  [import-not-found]",
        ]
    )
    assert shown[1] == (
        "a.py:3: note: in this repository: no stubs are published for it, so add"
        ' "jsonschema_specifications", "jsonschema_specifications.*" to the'
        " [[tool.mypy.overrides]] module list (ignore_missing_imports) in pyproject.toml"
    )
    assert shown[3].startswith("a.py:4: note: in this repository: a PyPI package goes into")
    assert "./dev lock" in shown[3]
