"""`./dev deps` on fixture repositories: what it reports, what --fix writes, that it is stable."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from build_deps.cli import run
from build_deps.keep import rules_as_written
from buildcheck.tests.fixture_repo import BASE, lines, make_repo, replaced

SHARED_BUILD = "common/src/python/shared_lib/BUILD.bazel"
APP_BUILD = "gears/demo_gear/src/python/demo_gear_app/BUILD.bazel"
TEST_BUILD = "gears/demo_gear/test/python/BUILD.bazel"
BASE_TEST_BUILD = BASE[TEST_BUILD]


@pytest.fixture(autouse=True)
def _tools() -> None:
    """buildozer and buildifier come from npm through ./dev; without them --fix cannot run."""
    missing = [t for t in ("buildozer", "buildifier") if shutil.which(t) is None]
    if missing and "DEV_REPO_ROOT" not in os.environ:
        pytest.skip(f"{missing} not installed (./dev installs them from package-lock.json)")


def deps(root: Path, *paths: str, fix: bool = False) -> tuple[int, str]:
    out = io.StringIO()
    code = run(root, list(paths), fix, out)
    return code, out.getvalue()


def snapshot(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): p.read_text(encoding="utf-8")
        for p in sorted(root.rglob("BUILD.bazel"))
    }


def fix_and_check(root: Path) -> str:
    """--fix, then buildcheck passes, the edited files are buildifier-clean and a second --fix
    changes nothing."""
    original = snapshot(root)
    code, out = deps(root, fix=True)
    assert code == 0, out
    assert lines(root) == []
    edited = [path for path, text in snapshot(root).items() if original.get(path) != text]
    assert edited
    files = [str(root / path) for path in edited]
    clean = subprocess.run(
        ["buildifier", "--mode=check", "--lint=warn", *files],
        check=False,
        capture_output=True,
        text=True,
    )
    assert clean.returncode == 0, clean.stdout + clean.stderr
    before = snapshot(root)
    again, out_again = deps(root, fix=True)
    assert again == 0 and "nothing to change" in out_again
    assert snapshot(root) == before
    return out


def test_correct_fixture_has_nothing_to_change(tmp_path: Path) -> None:
    code, out = deps(make_repo(tmp_path))
    assert (code, out.strip()) == (0, "deps: nothing to change")


def test_missing_first_party_dep_is_added(tmp_path: Path) -> None:
    root = make_repo(
        tmp_path, replaced(APP_BUILD, 'deps = ["//common/src/python/shared_lib"],', "")
    )
    assert any("shared_lib" in line for line in lines(root))
    code, out = deps(root)
    assert code == 1
    assert "add //common/src/python/shared_lib to deps" in out
    fix_and_check(root)
    assert '"//common/src/python/shared_lib"' in (root / APP_BUILD).read_text()


def test_missing_pypi_dep_is_added(tmp_path: Path) -> None:
    root = make_repo(tmp_path, replaced(SHARED_BUILD, 'deps = ["@pip//pyyaml"],', "deps = [],"))
    code, out = deps(root)
    assert code == 1 and "add @pip//pyyaml to deps" in out
    fix_and_check(root)
    assert '"@pip//pyyaml"' in (root / SHARED_BUILD).read_text()


def test_unused_dep_is_removed(tmp_path: Path) -> None:
    root = make_repo(
        tmp_path, replaced(TEST_BUILD, '"@pip//pytest",', '"@pip//pytest",\n"@pip//pyyaml",')
    )
    code, out = deps(root)
    assert code == 1 and "remove @pip//pyyaml from deps (never imported)" in out
    fix_and_check(root)
    assert "pyyaml" not in (root / TEST_BUILD).read_text()


def test_kept_dep_stays(tmp_path: Path) -> None:
    root = make_repo(
        tmp_path,
        replaced(TEST_BUILD, '"@pip//pytest",', '"@pip//pytest",\n"@pip//pyyaml",  # keep: why'),
    )
    assert deps(root) == (0, "deps: nothing to change\n")
    assert rules_as_written(root / TEST_BUILD)["test_main"].kept_deps == {"@pip//pyyaml"}


def test_new_test_file_gets_a_target(tmp_path: Path) -> None:
    new_test = "gears/demo_gear/test/python/test_more.py"
    root = make_repo(tmp_path, {new_test: "from shared_lib import helpers\n"})
    assert any("belongs to no py_library" in line for line in lines(root))
    code, out = deps(root)
    assert code == 1 and "add py_test test_more for test_more.py" in out
    fix_and_check(root)
    build = (root / TEST_BUILD).read_text()
    assert 'name = "test_more"' in build and '"//common/src/python/shared_lib"' in build


def test_unlocked_import_says_to_lock_it(tmp_path: Path) -> None:
    # starlark (starlark-pyo3) is installed here but not in the fixture's lock.
    main = "gears/demo_gear/src/python/demo_gear_app/main.py"
    root = make_repo(tmp_path, {main: "import starlark\n"})
    before = snapshot(root)
    code, out = deps(root, fix=True)
    assert code == 1
    assert "add it to requirements.in and run ./dev lock" in out
    assert "remove //common/src/python/shared_lib" in out  # the rest is still fixed
    assert "starlark" not in (root / APP_BUILD).read_text()
    assert snapshot(root) != before


def test_paths_limit_the_targets(tmp_path: Path) -> None:
    root = make_repo(tmp_path, replaced(SHARED_BUILD, 'deps = ["@pip//pyyaml"],', "deps = [],"))
    assert deps(root, str(root / "gears")) == (0, "deps: nothing to change\n")
    assert deps(root, str(root / "common"))[0] == 1


GEAR_PYTEST: dict[str, str | None] = {
    "tools/gear_pytest/BUILD.bazel": (
        'load("@rules_python//python:py_library.bzl", "py_library")\n\n'
        'py_library(\n    name = "gear_pytest",\n    srcs = ["__init__.py", "main.py"],\n'
        '    imports = [".."],\n    visibility = ["//visibility:public"],\n)\n'
    ),
    "tools/gear_pytest/__init__.py": "",
    "tools/gear_pytest/main.py": "import sys\n",
}


def test_main_module_dep_is_added_and_kept_for_gazelle(tmp_path: Path) -> None:
    test_build = BASE_TEST_BUILD.replace(
        'main = "test_main.py",', 'main_module = "gear_pytest.main",'
    )
    root = make_repo(tmp_path, {**GEAR_PYTEST, TEST_BUILD: test_build})
    code, out = deps(root)
    assert code == 1 and "add //tools/gear_pytest to deps" in out
    fix_and_check(root)
    assert '"//tools/gear_pytest",  # keep: main_module' in (root / TEST_BUILD).read_text()


def test_main_module_dep_without_keep_gets_marked(tmp_path: Path) -> None:
    test_build = BASE_TEST_BUILD.replace(
        'main = "test_main.py",', 'main_module = "gear_pytest.main",'
    ).replace('"@pip//pytest",', '"//tools/gear_pytest",\n"@pip//pytest",')
    root = make_repo(tmp_path, {**GEAR_PYTEST, TEST_BUILD: test_build})
    code, out = deps(root)
    assert code == 1
    assert "mark //tools/gear_pytest `# keep: main_module` (for Gazelle)" in out
    fix_and_check(root)


def test_new_test_gets_the_gear_pytest_runner(tmp_path: Path) -> None:
    new_test = "gears/demo_gear/test/python/test_more.py"
    root = make_repo(tmp_path, {**GEAR_PYTEST, new_test: "import pytest\n"})
    fix_and_check(root)
    build = (root / TEST_BUILD).read_text()
    assert 'main_module = "gear_pytest.main"' in build
    assert '"//tools/gear_pytest",  # keep: main_module' in build


def test_new_library_file_joins_its_folder_library(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {"common/src/python/shared_lib/more.py": "import yaml\n"})
    code, out = deps(root)
    assert code == 1 and "add more.py to srcs" in out
    fix_and_check(root)
    assert '"more.py"' in (root / SHARED_BUILD).read_text()
