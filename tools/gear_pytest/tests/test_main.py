"""The main of every Bazel py_test: the test file from TEST_TARGET, the plugin, the report."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from gear_pytest import main

PASSING = "def test_ok() -> None:\n    assert True\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def run_main(cwd: Path, env: dict[str, str], *argv: str) -> subprocess.CompletedProcess[str]:
    """`python -m gear_pytest.main ARGV` in `cwd`, as Bazel runs it (its env, this sys.path)."""
    outer = {k: v for k, v in os.environ.items() if k not in ("TEST_TARGET", "XML_OUTPUT_FILE")}
    child_env = {**outer, "PYTHONPATH": os.pathsep.join(sys.path), **env}
    return subprocess.run(
        [sys.executable, "-m", "gear_pytest.main", *argv],
        cwd=cwd,
        env=child_env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_target_names_its_file_in_the_package(tmp_path: Path) -> None:
    write(tmp_path / "pkg/test_x.py", PASSING)
    write(tmp_path / "pkg/tests/test_x.py", PASSING)  # the direct file wins
    assert main.test_file_from_target("//pkg:test_x", tmp_path) == "pkg/test_x.py"
    assert main.test_file_from_target("@@//pkg:test_x", tmp_path) == "pkg/test_x.py"


def test_target_names_its_file_below_the_package(tmp_path: Path) -> None:
    write(tmp_path / "pkg/tests/test_y.py", PASSING)
    assert main.test_file_from_target("//pkg:test_y", tmp_path) == "pkg/tests/test_y.py"


def test_a_missing_file_is_named_for_pytest_to_report(tmp_path: Path) -> None:
    assert main.test_file_from_target("//pkg:test_z", tmp_path) == "pkg/test_z.py"


def test_arguments_load_the_plugin_and_write_bazels_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "pkg/test_x.py", PASSING)
    monkeypatch.chdir(tmp_path)
    environ = {"TEST_TARGET": "//pkg:test_x", "XML_OUTPUT_FILE": "/out/test.xml"}
    assert main.pytest_args(["-q"], environ) == [
        "-p",
        "gear_pytest.plugin",
        "--import-mode=importlib",
        "-p",
        "no:cacheprovider",
        "pkg/test_x.py",
        "-q",
        "--junitxml=/out/test.xml",
    ]


def test_files_given_on_the_command_line_replace_the_target() -> None:
    args = main.pytest_args(["a/test_a.py", "-k", "b"], {"TEST_TARGET": "//pkg:test_x"})
    assert args[-3:] == ["a/test_a.py", "-k", "b"]
    assert "pkg/test_x.py" not in args


def test_main_runs_the_targets_file_and_writes_the_report(tmp_path: Path) -> None:
    write(tmp_path / "pkg/tests/test_x.py", PASSING + "\n\ndef test_two() -> None:\n    pass\n")
    report = tmp_path / "report.xml"
    env = {"TEST_TARGET": "//pkg:test_x", "XML_OUTPUT_FILE": str(report)}
    result = run_main(tmp_path, env)
    assert result.returncode == 0, result.stdout + result.stderr
    suite = ET.parse(report).getroot()
    suite = suite if suite.tag == "testsuite" else suite[0]
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("2", "0", "0")


def test_main_fails_when_the_test_fails(tmp_path: Path) -> None:
    write(tmp_path / "pkg/test_bad.py", "def test_bad() -> None:\n    assert 1 == 2\n")
    result = run_main(tmp_path, {"TEST_TARGET": "//pkg:test_bad"})
    assert result.returncode == 1
    assert "1 failed" in result.stdout


def test_main_fails_when_nothing_is_collected(tmp_path: Path) -> None:
    write(tmp_path / "pkg/test_empty.py", "X = 1\n")
    result = run_main(tmp_path, {"TEST_TARGET": "//pkg:test_empty"})
    assert result.returncode == 5  # pytest's "no tests collected": not a pass
