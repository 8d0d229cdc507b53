"""The generated gear itself: lint- and format-clean, and its own end-to-end test passes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gear_scaffold import create_gear

GEARS_BZL = 'GEARS = [\n    "project_management",\n]\n'
RUFF_RULES = ["--select", "E,F,W,I,B,UP,SIM,RUF,PL,N", "--ignore", "PLR0913,PLR2004"]


def make_root(root: Path) -> Path:
    (root / "tools" / "bazel").mkdir(parents=True)
    (root / "tools" / "bazel" / "gears.bzl").write_text(GEARS_BZL)
    (root / "tools" / "bazel" / "registry.bzl").write_text(
        'GEAR_REGISTRY = "index.docker.io/naccdata"\n'
    )
    (root / "gears").mkdir()
    return root


def add_first_party_packages(root: Path) -> None:
    """Stand-ins for the repository's packages, so ruff sorts their imports as first-party."""
    for module in (
        "common/src/python/gear_runner/__init__.py",
        "tools/gear_pytest/__init__.py",
        "tools/gear_pytest/fixtures_gear.py",
        "tools/gear_pytest/fixtures_standin.py",
    ):
        (root / module).parent.mkdir(parents=True, exist_ok=True)
        (root / module).write_text("")


def ruff(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """ruff with the repository's settings (pyproject.toml), given on the command line."""
    settings = ["--isolated", "--line-length", "100", "--target-version", "py310"]
    src = 'src = ["common/src/python", "tools", "gears/*/src/python"]'
    argv = [sys.executable, "-m", "ruff", *args, *settings, "--config", src, "."]
    return subprocess.run(argv, cwd=cwd, capture_output=True, text=True, check=False)


def ruff_runs() -> bool:
    """Whether `python -m ruff` finds its binary (Bazel runfiles may not have it on the path)."""
    argv = [sys.executable, "-m", "ruff", "--version"]
    return subprocess.run(argv, capture_output=True, check=False).returncode == 0


@pytest.mark.skipif(not ruff_runs(), reason="ruff's binary is not reachable from this Python")
@pytest.mark.parametrize(
    "name", ["sample-gear", "aaa", "gear-runner-x", "zzz-9", "csv-center-splitter"]
)
def test_generated_python_is_ruff_clean(tmp_path: Path, name: str) -> None:
    root = make_root(tmp_path)
    add_first_party_packages(root)
    create_gear(root, name, gear_bot=True, inputs=["project_file", "b"])
    lint = ruff("check", *RUFF_RULES, cwd=root)
    assert lint.returncode == 0, lint.stdout + lint.stderr
    formatting = ruff("format", "--check", cwd=root)
    assert formatting.returncode == 0, formatting.stdout + formatting.stderr


def test_the_generated_gears_own_test_passes(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    folder = create_gear(root, "sample-gear", inputs=["project_file"])
    env = dict(os.environ)
    paths = [str(folder / "src" / "python"), *(p for p in sys.path if p)]
    env["PYTHONPATH"] = os.pathsep.join(paths)
    env.pop("COVERAGE_PROCESS_START", None)
    argv = [sys.executable, "-m", "pytest", "-p", "gear_pytest.plugin", "--import-mode=importlib"]
    argv += ["-p", "no:cacheprovider", "-q", str(folder / "test" / "python")]
    result = subprocess.run(argv, cwd=root, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 passed" in result.stdout
