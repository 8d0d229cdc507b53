"""End-to-end: tiny repositories in tmp dirs, each with one mistake, and the line it prints."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from buildcheck import load_graph
from buildcheck.cli import run_check
from buildcheck.tests.fixture_repo import (
    BASE,
    GEAR_BZL,
    LIB,
    MANIFEST,
    SHARED,
    SHARED_BUILD,
    lines,
    make_repo,
    replaced,
)


def test_correct_tree_passes(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    assert lines(root) == []
    out = io.StringIO()
    assert run_check(root, out) == 0
    printed = out.getvalue().splitlines()
    assert printed[0].startswith("buildcheck: evaluated ")
    assert printed[0].endswith(" packages")
    assert printed[1:] == ["ok"]


def test_graph_lists_tests_targets_and_deps(tmp_path: Path) -> None:
    graph = load_graph(make_repo(tmp_path))
    tests = graph.py_tests()
    assert [(t.label, t.srcs) for t in tests] == [
        ("//gears/demo_gear/test/python:test_main", ["gears/demo_gear/test/python/test_main.py"])
    ]
    assert graph.targets[LIB].kind == "py_library"
    assert graph.targets["//gears/demo_gear/src/docker:push"].macro == "flywheel_gear"
    deps = graph.transitive_deps("//gears/demo_gear/src/python/demo_gear_app:bin")
    assert "//common/src/python/shared_lib:shared_lib" in deps
    assert "@pip//pyyaml:pyyaml" in deps
    assert graph.gear_list == ["demo_gear"]


APP_BUILD = "gears/demo_gear/src/python/demo_gear_app/BUILD.bazel"
TEST_BUILD = "gears/demo_gear/test/python/BUILD.bazel"


@pytest.mark.parametrize(
    ("build", "old", "new", "expected"),
    [
        pytest.param(
            APP_BUILD,
            'deps = ["//common/src/python/shared_lib"],',
            "",
            f"{APP_BUILD}: {LIB}: gears/demo_gear/src/python/demo_gear_app/main.py:1: imports "
            "`shared_lib.helpers`, which its deps do not provide: add "
            "//common/src/python/shared_lib:shared_lib to deps",
            id="missing_first_party_dep",
        ),
        pytest.param(
            APP_BUILD,
            '"//common/src/python/shared_lib"]',
            '"//common/src/python/shared_lib:nope"]',
            f"{APP_BUILD}: {LIB}: `deps`: no target or file 'nope' in "
            "//common/src/python/shared_lib",
            id="label_to_nonexistent_target",
        ),
        pytest.param(
            TEST_BUILD,
            '"@pip//pytest",',
            '"@pip//pytest",\n"//common/nothing",',
            f"{TEST_BUILD}: //gears/demo_gear/test/python:test_main: `deps`: no package "
            "//common/nothing (no BUILD.bazel there)",
            id="label_to_missing_package",
        ),
        pytest.param(
            SHARED_BUILD,
            'deps = ["@pip//pyyaml"],',
            "",
            f"{SHARED_BUILD}: {SHARED}: common/src/python/shared_lib/helpers.py:3: imports `yaml` "
            "(PyPI), but deps lack @pip//pyyaml: add it to deps",
            id="pypi_import_without_its_dep",
        ),
        pytest.param(
            SHARED_BUILD,
            '["@pip//pyyaml"]',
            '["@pip//pyyaml", "@pip//requests"]',
            f"{SHARED_BUILD}: {SHARED}: `deps`: @pip//requests:requests: "
            "requests is not in the lock file of hub 'pip'",
            id="pip_label_not_in_lock",
        ),
        pytest.param(
            SHARED_BUILD,
            '["@pip//pyyaml"]',
            '["@pip//pyyaml", "@nowhere//lib"]',
            f"{SHARED_BUILD}: {SHARED}: `deps`: @nowhere//lib:lib: "
            "@nowhere is not visible (MODULE.bazel has no bazel_dep or use_repo for it)",
            id="repo_not_in_module",
        ),
        pytest.param(
            SHARED_BUILD,
            "deps = [",
            "dep = [",
            f"{SHARED_BUILD}: {SHARED}: py_library has no attribute `dep` "
            "(rules_python 2.3.2); did you mean `deps`?",
            id="unknown_attribute_on_a_stubbed_rule",
        ),
    ],
)
def test_a_build_file_mistake_prints_its_line(
    tmp_path: Path, build: str, old: str, new: str, expected: str
) -> None:
    root = make_repo(tmp_path, replaced(build, old, new))
    assert expected in lines(root)


def test_python_file_of_no_target(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {"common/src/python/shared_lib/extra.py": "X = 1\n"})
    assert (
        "common/src/python/shared_lib/extra.py: belongs to no py_library, py_binary or py_test "
        "(add it to srcs of a py_library or py_test in common/src/python/shared_lib/BUILD.bazel)"
    ) in lines(root)


def test_gear_dropped_from_gear_list(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {"tools/bazel/gears.bzl": 'GEARS = ["old_gear"]\n'})
    found = lines(root)
    assert (
        "tools/bazel/gears.bzl: //:push: GEARS lacks 'demo_gear' (gears/demo_gear/ exists), "
        "so //:push and //:load skip it"
    ) in found
    assert "tools/bazel/gears.bzl: GEARS names 'old_gear', but there is no gears/old_gear/" in found


def test_missing_mandatory_attribute(tmp_path: Path) -> None:
    build = "tools/bazel/BUILD.bazel"
    text = (
        'load("@rules_oci//oci:defs.bzl", "oci_load")\n\n'
        'oci_load(name = "load", image = "//gears/demo_gear/src/python/demo_gear_app:bin")\n'
    )
    root = make_repo(tmp_path, {build: text})
    assert (
        f"{build}: //tools/bazel:load: oci_load requires attribute `repo_tags` (rules_oci 2.3.0)"
        in lines(root)
    )


def test_attribute_error_inside_a_macro_names_the_macro(tmp_path: Path) -> None:
    root = make_repo(
        tmp_path, {"tools/bazel/gear.bzl": GEAR_BZL.replace("remote_tags =", "tags_remote =")}
    )
    assert (
        "gears/demo_gear/src/docker/BUILD.bazel: //gears/demo_gear/src/docker:push: oci_push "
        "has no attribute `tags_remote` (rules_oci 2.3.0) (made by "
        "flywheel_gear(name = 'demo-gear') of //tools/bazel:gear.bzl)"
    ) in lines(root)


def test_symbol_the_rule_set_does_not_export(tmp_path: Path) -> None:
    bzl = GEAR_BZL.replace(
        'load("@rules_oci//oci:defs.bzl", "oci_push")',
        'load("@rules_oci//oci:defs.bzl", "oci_push", "oci_pull")',
    )
    root = make_repo(tmp_path, {"tools/bazel/gear.bzl": bzl})
    assert any(
        line.startswith("tools/bazel/gear.bzl: load('@rules_oci//oci:defs.bzl'): ")
        and "no symbol 'oci_pull'" in line
        for line in lines(root)
    )


def test_manifest_disagrees_with_build(tmp_path: Path) -> None:
    manifest = {**MANIFEST, "version": "0.2.0"}
    root = make_repo(tmp_path, {"gears/demo_gear/src/docker/manifest.json": json.dumps(manifest)})
    assert any(
        line.startswith(
            "gears/demo_gear/src/docker/BUILD.bazel: //gears/demo_gear/src/docker:demo-gear: "
        )
        and "version" in line
        and "0.2.0" in line
        for line in lines(root)
    )


def test_gear_folder_and_manifest_name_disagree(tmp_path: Path) -> None:
    manifest = {**MANIFEST, "name": "other-gear"}
    root = make_repo(tmp_path, {"gears/demo_gear/src/docker/manifest.json": json.dumps(manifest)})
    assert (
        "gears/demo_gear/src/docker/manifest.json: manifest name 'other-gear' needs the folder "
        "gears/other_gear/ (the folder is gears/demo_gear/)"
    ) in lines(root)


def test_two_gears_share_an_app_package(tmp_path: Path) -> None:
    second = {
        path.replace("demo_gear/", "second_gear/"): text
        for path, text in BASE.items()
        if path.startswith("gears/demo_gear/src/python/")
    }
    root = make_repo(
        tmp_path, {**second, "tools/bazel/gears.bzl": 'GEARS = ["demo_gear", "second_gear"]\n'}
    )
    assert any(
        line.startswith("gears/second_gear/src/python/demo_gear_app: app package 'demo_gear_app'")
        for line in lines(root)
    )


def test_starlark_error_names_the_file(tmp_path: Path) -> None:
    build = SHARED_BUILD
    root = make_repo(tmp_path, {build: BASE[build] + "\nundefined_rule(name = 'x')\n"})
    assert any(
        line.startswith(f"{build}: //common/src/python/shared_lib: cannot evaluate: ")
        and "undefined_rule" in line
        for line in lines(root)
    )


def test_cli_prints_problems_and_fails(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {"common/src/python/shared_lib/extra.py": "X = 1\n"})
    out = io.StringIO()
    assert run_check(root, out) == 1
    printed = out.getvalue().splitlines()
    assert printed[0].startswith("buildcheck: evaluated ")
    assert printed[1].startswith("common/src/python/shared_lib/extra.py: belongs to no py_library")


def test_a_new_pypi_import_says_to_add_it_to_requirements_in_and_lock(tmp_path: Path) -> None:
    helpers = "common/src/python/shared_lib/helpers.py"
    root = make_repo(tmp_path, {helpers: "import json\n\nimport yaml\nimport not_installed_pkg\n"})
    (problem,) = [line for line in lines(root) if "not_installed_pkg" in line]
    assert problem == (
        f"{SHARED_BUILD}: {SHARED}: {helpers}:4: imports `not_installed_pkg`, which no target,"
        " the standard library or an installed distribution provides: for a PyPI package add"
        " its distribution to requirements.in, run ./dev lock, then add @pip//<distribution>"
        " to deps; for our own code add the target that provides it to deps (or fix the name)"
    )


def test_pypi_import_of_an_unlocked_distribution(tmp_path: Path) -> None:
    build = SHARED_BUILD
    lock = "pytest==8.3.4 \\\n    --hash=sha256:aa\n"
    root = make_repo(
        tmp_path, {**replaced(build, 'deps = ["@pip//pyyaml"],', ""), "requirements_lock.txt": lock}
    )
    assert (
        f"{build}: {SHARED}: "
        "common/src/python/shared_lib/helpers.py:3: imports `yaml` (PyPI), but deps lack "
        "@pip//pyyaml, and requirements_lock.txt lacks it too: add it to requirements.in, "
        "run ./dev lock, then add the dep"
    ) in lines(root)
