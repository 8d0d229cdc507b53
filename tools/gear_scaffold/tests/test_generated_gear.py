"""The generated gear itself: lint- and format-clean, and its own end-to-end test passes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gear_scaffold import create_gear, render

GEARS_BZL = 'GEARS = [\n    "project_management",\n]\n'
# The repository's ruff settings (rules, line length, import roots): the generated gear is
# checked with exactly these, read from the file, not copied.
PYPROJECT = Path(__file__).parents[3] / "pyproject.toml"


def make_root(root: Path) -> Path:
    (root / "tools" / "bazel").mkdir(parents=True)
    (root / "tools" / "bazel" / "gears.bzl").write_text(GEARS_BZL)
    (root / "tools" / "bazel" / "registry.bzl").write_text(
        'GEAR_REGISTRY = "index.docker.io/naccdata"\n'
    )
    (root / "gears").mkdir()
    return root


def add_first_party_packages(root: Path) -> None:
    """Stand-ins for the repository modules the generated code imports (read from what the
    scaffold renders), so ruff sorts their imports as first-party."""
    rendered = render.test_imports("any_app", gear_bot=True) + "\n" + render.run_imports("any_app")
    modules = {line.split()[1] for line in rendered.splitlines() if line.startswith("from ")}
    for module in modules - {"any_app", "any_app.main"}:
        package, _, name = module.partition(".")
        folder = root / ("tools" if package == "gear_pytest" else "common/src/python") / package
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "__init__.py").write_text("")
        if name:
            (folder / f"{name}.py").write_text("")


def ruff(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """ruff with the repository's pyproject.toml (copied into `cwd`, the generated root)."""
    shutil.copyfile(PYPROJECT, cwd / "pyproject.toml")
    argv = [sys.executable, "-m", "ruff", *args, "--config", str(cwd / "pyproject.toml"), "."]
    return subprocess.run(argv, cwd=cwd, capture_output=True, text=True, check=False)


def ruff_runs() -> bool:
    """Whether `python -m ruff` finds its binary."""
    argv = [sys.executable, "-m", "ruff", "--version"]
    return subprocess.run(argv, capture_output=True, check=False).returncode == 0


def require_ruff() -> None:
    """Skip, saying why, only under Bazel, where the ruff wheel's binary may not be in the
    runfiles; everywhere else (`./dev test`, which checks the repository with this same ruff)
    a missing ruff fails the test."""
    if ruff_runs():
        return
    if "TEST_TARGET" in os.environ:
        pytest.skip("ruff's binary is not in this Bazel test's runfiles; ./dev test checks it")
    pytest.fail("python -m ruff does not run; ./dev test needs ruff from requirements_lock.txt")


@pytest.mark.parametrize(
    "name", ["sample-gear", "aaa", "gear-runner-x", "zzz-9", "csv-center-splitter"]
)
def test_generated_python_is_ruff_clean(tmp_path: Path, name: str) -> None:
    require_ruff()
    root = make_root(tmp_path)
    add_first_party_packages(root)
    create_gear(root, name, gear_bot=True, inputs=["project_file", "b"])
    lint = ruff("check", cwd=root)
    assert lint.returncode == 0, lint.stdout + lint.stderr
    formatting = ruff("format", "--check", cwd=root)
    assert formatting.returncode == 0, formatting.stdout + formatting.stderr


def test_the_generated_gears_own_test_passes(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    # A csv example: the generated test finds examples whatever their extension.
    folder = create_gear(root, "sample-gear", gear_bot=True, inputs=["project_file", "centers:csv"])
    assert (folder / "data" / "centers.csv").is_file()
    env = dict(os.environ)
    paths = [str(folder / "src" / "python"), *(p for p in sys.path if p)]
    env["PYTHONPATH"] = os.pathsep.join(paths)
    env.pop("COVERAGE_PROCESS_START", None)
    argv = [sys.executable, "-m", "pytest", "-p", "gear_pytest.plugin", "--import-mode=importlib"]
    argv += ["-p", "no:cacheprovider", "-q", str(folder / "test" / "python")]
    result = subprocess.run(argv, cwd=root, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "5 passed" in result.stdout  # the gear bot key test too
