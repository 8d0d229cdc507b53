"""buildcheck evaluates Gazelle's configuration offline: loads, attributes, directives."""

from __future__ import annotations

from pathlib import Path

from buildcheck.tests.fixture_repo import BASE, MODULE, lines, make_repo

WITH_PLUGIN = MODULE + (
    'bazel_dep(name = "gazelle", version = "0.53.0", dev_dependency = True)\n'
    'bazel_dep(name = "rules_python_gazelle_plugin", version = "2.3.2", dev_dependency = True)\n'
)
ROOT_BUILD = """
load("@gazelle//:def.bzl", "gazelle")

# gazelle:python_generation_mode package
# gazelle:python_generation_mode_per_package_require_test_entry_point true
exports_files(["requirements_lock.txt"])

gazelle(
    name = "gazelle",
    gazelle = "@rules_python_gazelle_plugin//python:gazelle_binary",
)
"""
ROOTS = {
    f"{root}/BUILD.bazel": "# gazelle:python_root\n"
    for root in ("common/src/python", "tools", "gears/demo_gear/src/python")
}
APP = "gears/demo_gear/src/python/demo_gear_app/BUILD.bazel"
APP_DIRECTIVES = (
    "# gazelle:python_library_naming_convention lib\n# gazelle:python_ignore_files run.py\n"
)
GAZELLE_REPO: dict[str, str | None] = {
    "MODULE.bazel": WITH_PLUGIN,
    "BUILD.bazel": ROOT_BUILD,
    APP: APP_DIRECTIVES + BASE[APP],
    **ROOTS,
}


def test_gazelle_configuration_passes(tmp_path: Path) -> None:
    assert lines(make_repo(tmp_path, GAZELLE_REPO)) == []


def test_unknown_directive_and_bad_value(tmp_path: Path) -> None:
    build = ROOT_BUILD.replace(
        "# gazelle:python_generation_mode package",
        "# gazelle:python_generation_mode files\n# gazelle:python_rooot",
    )
    found = lines(make_repo(tmp_path, {**GAZELLE_REPO, "BUILD.bazel": build}))
    assert found == [
        "BUILD.bazel: line 4: `gazelle:python_generation_mode` takes one of "
        "['file', 'package', 'project'], not 'files'",
        "BUILD.bazel: line 5: `gazelle:python_rooot` is not a directive of gazelle 0.53.0 or "
        "its Python plugin 2.3.2",
    ]


def test_import_roots_must_be_marked(tmp_path: Path) -> None:
    repo = {**GAZELLE_REPO, "tools/BUILD.bazel": None}
    repo["gears/demo_gear/test/python/BUILD.bazel"] = (
        "# gazelle:python_root\n" + BASE["gears/demo_gear/test/python/BUILD.bazel"]
    )
    found = lines(make_repo(tmp_path, repo))
    assert found == [
        "gears/demo_gear/test/python/BUILD.bazel: `gazelle:python_root` marks a folder that is "
        "not an import root (gear_layout.python_roots)",
        "tools/BUILD.bazel: an import root: it needs a BUILD.bazel with `# gazelle:python_root`",
    ]


def test_srcs_in_a_folder_without_build_file_need_ignore(tmp_path: Path) -> None:
    test_build = BASE["gears/demo_gear/test/python/BUILD.bazel"].replace(
        'srcs = ["test_main.py"],\n    main = "test_main.py",',
        'srcs = ["unit/test_main.py"],\n    main = "unit/test_main.py",',
    )
    repo = {
        **GAZELLE_REPO,
        "gears/demo_gear/test/python/test_main.py": None,
        "gears/demo_gear/test/python/unit/test_main.py": BASE[
            "gears/demo_gear/test/python/test_main.py"
        ],
        "gears/demo_gear/test/python/BUILD.bazel": test_build,
    }
    found = lines(make_repo(tmp_path, repo))
    assert len(found) == 1 and "in a folder without a BUILD file: Gazelle would drop" in found[0]
    ignored = "# gazelle:ignore\n# gazelle:exclude unit\n" + test_build
    repo["gears/demo_gear/test/python/BUILD.bazel"] = ignored
    assert lines(make_repo(tmp_path, repo)) == []


def test_gazelle_target_attributes(tmp_path: Path) -> None:
    build = ROOT_BUILD.replace('    name = "gazelle",', '    name = "gazelle",\n    mod = "diff",')
    found = lines(make_repo(tmp_path, {**GAZELLE_REPO, "BUILD.bazel": build}))
    assert len(found) == 1 and "mod" in found[0] and "mode" in found[0]
    build = ROOT_BUILD.replace(
        '    name = "gazelle",', '    name = "gazelle",\n    mode = "check",'
    )
    found = lines(make_repo(tmp_path / "b", {**GAZELLE_REPO, "BUILD.bazel": build}))
    assert found == [
        "BUILD.bazel: //:gazelle: mode = 'check': gazelle 0.53.0 takes one of "
        "['', 'diff', 'fix', 'print']"
    ]


def test_shape_gazelle_would_change(tmp_path: Path) -> None:
    extra = "gears/demo_gear/test/python/test_extra.py"
    tool = "tools/bazel/tool.py"
    repo = {**GAZELLE_REPO, extra: "import pytest\n"}
    found = lines(make_repo(tmp_path, repo))
    assert any("Gazelle would add a py_test test_extra for test_extra.py" in x for x in found)
    repo = {**GAZELLE_REPO, tool: 'if __name__ == "__main__":\n    pass\n'}
    found = lines(make_repo(tmp_path / "b", repo))
    assert any("Gazelle would write one py_library with srcs ['tool.py']" in x for x in found)
    assert any("tool.py has a __main__ block" in x for x in found)
