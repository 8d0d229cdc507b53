"""What the evaluator refuses as Bazel would: MODULE.bazel tags, native rules, empty globs, ..."""

from __future__ import annotations

from pathlib import Path

from buildcheck import load_graph
from buildcheck.tests.fixture_repo import (
    BASE,
    MODULE,
    SHARED,
    SHARED_BUILD,
    lines,
    make_repo,
    replaced,
)


def test_unknown_extension_tag_attribute(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {"MODULE.bazel": MODULE.replace("hub_name =", "hub =")})
    found = lines(root)
    assert "MODULE.bazel: pip.parse has no attribute `hub`; did you mean `hub_name`?" in found
    assert "MODULE.bazel: pip.parse requires attribute `hub_name`" in found


def test_use_repo_of_a_repo_the_extension_does_not_make(tmp_path: Path) -> None:
    module = MODULE.replace('use_repo(pip, "pip")', 'use_repo(pip, "pypi")')
    root = make_repo(tmp_path, {"MODULE.bazel": module})
    assert (
        "MODULE.bazel: use_repo(pip, 'pypi'): the pip extension makes no repository 'pypi'"
    ) in lines(root)


def test_use_repo_lacking_a_repo_the_extension_reports(tmp_path: Path) -> None:
    module = MODULE.replace(
        'use_repo(oci, "python_base", "python_base_linux_amd64")', 'use_repo(oci, "python_base")'
    )
    root = make_repo(tmp_path, {"MODULE.bazel": module})
    assert lines(root) == [
        "MODULE.bazel: use_repo(oci, ...) lacks 'python_base_linux_amd64': oci.pull "
        "'python_base' makes it and reports it as a direct dependency (bazel mod tidy would "
        "add it)"
    ]


def test_bazel_dep_of_another_version_than_the_tables(tmp_path: Path) -> None:
    module = MODULE.replace('"rules_oci", version = "2.3.0"', '"rules_oci", version = "2.2.0"')
    root = make_repo(tmp_path, {"MODULE.bazel": module})
    assert any(
        line.startswith("MODULE.bazel: bazel_dep rules_oci 2.2.0: buildcheck's attribute tables")
        for line in lines(root)
    )


def test_native_python_rule_is_refused(tmp_path: Path) -> None:
    text = BASE[SHARED_BUILD].replace(
        'load("@rules_python//python:py_library.bzl", "py_library")\n', ""
    )
    root = make_repo(tmp_path, {SHARED_BUILD: text})
    assert (
        f"{SHARED_BUILD}: {SHARED}: native py_library: load it from "
        "@rules_python//python:py_library.bzl (.bazelrc refuses the native rules)"
    ) in lines(root)


def test_empty_glob(tmp_path: Path) -> None:
    build = "gears/demo_gear/src/python/demo_gear_app/BUILD.bazel"
    changes = replaced(build, 'glob(["*.py"], exclude = ["run.py"])', 'glob(["*.txt"])')
    found = lines(make_repo(tmp_path, changes))
    assert any(
        line.startswith(f"{build}: //gears/demo_gear/src/python/demo_gear_app: glob(['*.txt'])")
        and "matches no files" in line
        for line in found
    )


def test_duplicate_target_name(tmp_path: Path) -> None:
    text = BASE[SHARED_BUILD] + '\nfilegroup(name = "shared_lib", srcs = ["helpers.py"])\n'
    root = make_repo(tmp_path, {SHARED_BUILD: text})
    assert f"{SHARED_BUILD}: {SHARED}: duplicate target name 'shared_lib'" in lines(root)


def test_first_party_rule_checks_its_declared_attributes(tmp_path: Path) -> None:
    bzl = (
        'stamp_rule = rule(implementation = None, attrs = {"src": attr.label(mandatory = True)})\n'
    )
    build = (
        'load(":stamp.bzl", "stamp_rule")\n\n'
        'stamp_rule(name = "ok", src = "gear.bzl")\n\n'
        'stamp_rule(name = "bad", source = "gear.bzl")\n'
    )
    root = make_repo(tmp_path, {"tools/bazel/stamp.bzl": bzl, "tools/bazel/BUILD.bazel": build})
    found = lines(root)
    assert (
        "tools/bazel/BUILD.bazel: //tools/bazel:bad: stamp_rule has no attribute `source` "
        "(rule() in tools/bazel/stamp.bzl); did you mean `src`?"
    ) in found
    assert (
        "tools/bazel/BUILD.bazel: //tools/bazel:bad: stamp_rule requires attribute `src` "
        "(rule() in tools/bazel/stamp.bzl)"
    ) in found
    assert not [line for line in found if "//tools/bazel:ok" in line]


def test_gear_pytest_main_needs_the_file_named_after_the_target(tmp_path: Path) -> None:
    build = "gears/demo_gear/test/python/BUILD.bazel"
    text = BASE[build].replace('main = "test_main.py"', 'main_module = "gear_pytest.main"')
    text = text.replace('name = "test_main"', 'name = "test_other"')
    pytest_pkg = {
        "tools/gear_pytest/BUILD.bazel": (
            'load("@rules_python//python:py_library.bzl", "py_library")\n\n'
            'py_library(name = "gear_pytest", srcs = ["__init__.py", "main.py"], '
            'imports = [".."], visibility = ["//visibility:public"])\n'
        ),
        "tools/gear_pytest/__init__.py": "",
        "tools/gear_pytest/main.py": "import sys\n",
    }
    text = text.replace('"@pip//pytest",', '"@pip//pytest",\n        "//tools/gear_pytest",')
    root = make_repo(tmp_path, {build: text, **pytest_pkg})
    assert (
        f"{build}: //gears/demo_gear/test/python:test_other: gear_pytest.main runs the file named "
        "after the target (test_other.py), but srcs are "
        "['gears/demo_gear/test/python/test_main.py']: one test file per py_test, named after it"
    ) in lines(root)


def test_label_helpers_in_macros_become_label_strings(tmp_path: Path) -> None:
    bzl = (
        'TOOL = Label("//common/src/python/shared_lib:helpers.py")\n\n'
        "def copy(name):\n"
        "    native.genrule(\n"
        "        name = name,\n"
        "        srcs = [TOOL],\n"
        '        outs = [name + ".out"],\n'
        '        cmd = "cp $(execpath %s) $@" % TOOL,\n'
        "    )\n"
    )
    build = 'load(":copy.bzl", "copy")\n\ncopy(name = "copied")\n'
    root = make_repo(tmp_path, {"tools/bazel/copy.bzl": bzl, "tools/bazel/BUILD.bazel": build})
    graph = load_graph(root)
    target = graph.targets["//tools/bazel:copied"]
    assert target.attrs["srcs"] == ["//common/src/python/shared_lib:helpers.py"]
    assert target.attrs["cmd"] == "cp $(execpath //common/src/python/shared_lib:helpers.py) $@"
    assert lines(root) == []


def test_a_failed_build_file_is_reported_once(tmp_path: Path) -> None:
    root = make_repo(
        tmp_path, {SHARED_BUILD: BASE[SHARED_BUILD] + "\nundefined_rule(name = 'x')\n"}
    )
    about_shared = [line for line in lines(root) if line.startswith("common/src/python/shared_lib")]
    assert about_shared == [
        f"{SHARED_BUILD}: //common/src/python/shared_lib: cannot evaluate: error: Variable "
        f"`undefined_rule` not found --> {SHARED_BUILD}:12:1"
    ]


def test_load_from_a_repo_missing_in_module(tmp_path: Path) -> None:
    build = 'load("@rules_shell//shell:sh_binary.bzl", "sh_binary")\n'
    root = make_repo(tmp_path, {"tools/bazel/BUILD.bazel": build})
    assert (
        "tools/bazel/BUILD.bazel: load('@rules_shell//shell:sh_binary.bzl'): @rules_shell is not "
        "visible (MODULE.bazel has no bazel_dep or use_repo for it)"
    ) in lines(root)
