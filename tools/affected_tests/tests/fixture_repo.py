"""A small repository for the affected-test rules: two gears, two common packages, a macro in
two .bzl files, and a test that reads the whole tree (tagged "external")."""

from __future__ import annotations

from pathlib import Path

from buildcheck.tests.fixture_repo import MODULE
from gear_pytest.git_repo import commit_all
from gear_pytest.git_repo import git as run_git

PY = 'load("@rules_python//python:py_library.bzl", "py_library")\n'
PY_TEST = 'load("@rules_python//python:py_test.bzl", "py_test")\n'


def library(name: str, srcs: list[str], deps: list[str]) -> str:
    return PY + (
        f'py_library(name = "{name}", srcs = {srcs!r}, deps = {deps!r},'
        ' visibility = ["//visibility:public"])\n'
    )


def a_test(
    name: str, *, deps: list[str], data: tuple[str, ...] = (), tags: tuple[str, ...] = ()
) -> str:
    return PY_TEST + (
        f'py_test(name = "{name}", srcs = ["{name}.py"], deps = {deps!r},'
        f" data = {list(data)!r}, tags = {list(tags)!r})\n"
    )


FILES = {
    "MODULE.bazel": MODULE,
    "requirements_lock.txt": "",
    "pyproject.toml": "",
    "README.md": "the repository\n",
    "BUILD.bazel": "",
    # A macro in two files: gear.bzl loads names.bzl.
    "tools/bazel/BUILD.bazel": "",
    "tools/bazel/names.bzl": 'CONFIG = "config"\n',
    "tools/bazel/gear.bzl": (
        'load("//tools/bazel:names.bzl", "CONFIG")\n\n'
        "def gear_config(srcs):\n"
        '    native.filegroup(name = CONFIG, srcs = srcs, visibility = ["//visibility:public"])\n'
    ),
    "common/src/python/shared/BUILD.bazel": library("shared", ["util.py"], []),
    "common/src/python/shared/util.py": "",
    "common/src/python/other/BUILD.bazel": library("other", ["other.py"], [])
    + 'exports_files(["make_table.sh", "table.in"])\n',
    "common/src/python/other/other.py": "",
    # A file made by a genrule from a source, and a script run as a binary: alpha reads both.
    "common/src/python/other/make_table.sh": "",
    "common/src/python/other/table.in": "",
    "tools/scripts/BUILD.bazel": (
        'load("@rules_python//python:py_binary.bzl", "py_binary")\n'
        'py_binary(name = "tool", srcs = ["tool.py"], visibility = ["//visibility:public"])\n'
        'genrule(name = "table", srcs = ["//common/src/python/other:table.in"],'
        ' outs = ["table.txt"], cmd = "cp $< $@", tools = [":make_table"],'
        ' visibility = ["//visibility:public"])\n'
        'filegroup(name = "make_table", srcs = ["//common/src/python/other:make_table.sh"])\n'
    ),
    "tools/scripts/tool.py": "",
    # alpha: its code uses shared; its test reads its data folder.
    "gears/alpha/src/python/alpha_app/BUILD.bazel": library(
        "lib", ["main.py"], ["//common/src/python/shared"]
    ),
    "gears/alpha/src/python/alpha_app/main.py": "",
    "gears/alpha/data/BUILD.bazel": (
        'filegroup(name = "data", srcs = glob(["*.csv"]), visibility = ["//visibility:public"])\n'
    ),
    "gears/alpha/data/example.csv": "a,b\n",
    "gears/alpha/src/docker/manifest.json": '{"name": "alpha"}\n',  # in no package but the root
    "gears/alpha/test/python/BUILD.bazel": a_test(
        "test_alpha",
        deps=["//gears/alpha/src/python/alpha_app:lib"],
        data=("//gears/alpha/data", "//tools/scripts:tool", "//tools/scripts:table.txt"),
    ),
    "gears/alpha/test/python/test_alpha.py": "",
    # beta: its code uses other; its test reads the config its docker package makes by macro.
    "gears/beta/src/python/beta_app/BUILD.bazel": library(
        "lib", ["main.py"], ["//common/src/python/other"]
    ),
    "gears/beta/src/python/beta_app/main.py": "",
    "gears/beta/src/docker/BUILD.bazel": (
        'load("//tools/bazel:gear.bzl", "gear_config")\n\ngear_config(srcs = ["manifest.json"])\n'
    ),
    "gears/beta/src/docker/manifest.json": '{"name": "beta"}\n',
    "gears/beta/test/python/BUILD.bazel": a_test(
        "test_beta",
        deps=["//gears/beta/src/python/beta_app:lib"],
        data=("//gears/beta/src/docker:config",),
    ),
    "gears/beta/test/python/test_beta.py": "",
    # A test that reads the whole source tree says so with Bazel's "external" tag.
    "tools/tree/BUILD.bazel": a_test("test_tree", deps=[], tags=("external",)),
    "tools/tree/test_tree.py": "",
}
ALPHA = "//gears/alpha/test/python:test_alpha"
BETA = "//gears/beta/test/python:test_beta"
TREE = "//tools/tree:test_tree"


def write_repo(root: Path, *, git: bool = False) -> Path:
    """Write FILES under `root`; with `git`, commit them on main (for changes since HEAD)."""
    for path, text in FILES.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
    if git:
        run_git(root, "init", "-q", "-b", "main")
        commit_all(root, "first")
    return root
