"""The gear image's launcher, checked offline: the real tools/bazel/gear.bzl, evaluated.

A launcher that lets rules_python's bootstrap start the gear as a child process (no
RULES_PYTHON_EXTRACT_ROOT, or the bootstrap run through its `#!/usr/bin/env` shebang) or a
launcher layer that packs usr/bin/run.runfiles/ must fail the build check.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from buildcheck import load_graph
from buildcheck.check_launcher import launcher_problems, launcher_text_problems

ROOT = Path(__file__).absolute().parents[3]
# What evaluating the macro needs (its bazel_deps and tools/bazel's .bzl files), and .bazelrc.
COPIED = (
    "MODULE.bazel",
    ".bazelrc",
    "tools/bazel/gear.bzl",
    "tools/bazel/registry.bzl",
    "tools/bazel/structure_test.yaml",
)
GEAR_BUILD = """\
load("//tools/bazel:gear.bzl", "flywheel_gear")

flywheel_gear(
    name = "gear",
    binary = "//app:bin",
    image_tags = ["1.0.0"],
    manifest = "manifest.json",
)
"""
GOOD = [
    "#!/bin/sh",
    "export RULES_PYTHON_EXTRACT_ROOT=/tmp/rules_python",
    'exec /usr/local/bin/python3 /app/bin "$@"',
    "",
]


def problems_with(tmp_path: Path, changes: dict[str, tuple[str, str]] | None = None) -> list[str]:
    """Launcher problems of a repository holding the real files, with `changes` (path ->
    (old, new)) made to them."""
    for relative in COPIED:
        text = (ROOT / relative).read_text(encoding="utf-8")
        if changes and relative in changes:
            old, new = changes[relative]
            assert old in text, f"{relative} has no {old!r}"
            text = text.replace(old, new)
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(text, encoding="utf-8")
    (tmp_path / "tools/bazel/BUILD.bazel").write_text('exports_files(["structure_test.yaml"])\n')
    (tmp_path / "gear").mkdir()
    (tmp_path / "gear/BUILD.bazel").write_text(GEAR_BUILD)
    (tmp_path / "gear/manifest.json").write_text("{}")
    return [str(problem) for problem in launcher_problems(load_graph(tmp_path))]


def test_the_real_launcher_passes(tmp_path: Path) -> None:
    assert problems_with(tmp_path) == []


def test_a_layer_that_packs_the_launchers_runfiles_fails(tmp_path: Path) -> None:
    found = problems_with(tmp_path, {"tools/bazel/gear.bzl": ("include_runfiles = False,", "")})
    assert found == [
        "gear/BUILD.bazel: //gear:_launcher_layer: the launcher's layer must set"
        " include_runfiles = False, else it ships run.runfiles/ next to run"
    ]


def test_a_launcher_without_the_extract_root_fails(tmp_path: Path) -> None:
    found = problems_with(
        tmp_path, {"tools/bazel/gear.bzl": ("export RULES_PYTHON_EXTRACT_ROOT=", "export X=")}
    )
    assert len(found) == 1 and "RULES_PYTHON_EXTRACT_ROOT" in found[0], found
    assert "child process that never gets SIGTERM" in found[0]


def test_a_bootstrap_script_pin_fails(tmp_path: Path) -> None:
    found = problems_with(
        tmp_path, {".bazelrc": ("bootstrap_impl=system_python", "bootstrap_impl=script")}
    )
    assert found == [
        ".bazelrc: must set --@rules_python//python/config_settings:bootstrap_impl="
        "system_python once: the gear launcher runs rules_python's bootstrap with python"
        " (tools/bazel/gear.bzl)"
    ]


def test_a_structure_test_without_the_runfiles_check_fails(tmp_path: Path) -> None:
    found = problems_with(
        tmp_path,
        {"tools/bazel/structure_test.yaml": ("path: /usr/bin/run.runfiles", "path: /elsewhere")},
    )
    assert found == [
        "gear/BUILD.bazel: //gear:structure_test: its config must have a fileExistenceTest"
        " `path: /usr/bin/run.runfiles`, `shouldExist: false` (the launcher's layer and"
        " interpreter)"
    ]


def test_another_rules_python_pin_asks_for_a_new_reading(tmp_path: Path) -> None:
    found = problems_with(
        tmp_path,
        {
            "MODULE.bazel": (
                'name = "rules_python", version = "2.3.2"',
                'name = "rules_python", version = "2.4.0"',
            )
        },
    )
    assert len(found) == 1, found
    assert found[0].startswith(
        "MODULE.bazel: rules_python is pinned at 2.4.0, but the gear launcher was checked"
        " against rules_python 2.3.2"
    )


def test_good_launcher_lines() -> None:
    assert launcher_text_problems(GOOD) == []


@pytest.mark.parametrize(
    ("lines", "wanted"),
    [
        # The launcher before issue 11: the bootstrap's shebang, a child process.
        (["#!/bin/sh", 'exec /app/bin "$@"', ""], ["RULES_PYTHON_EXTRACT_ROOT", "exec /absolute"]),
        (
            [GOOD[0], GOOD[1], 'exec python3 /app/bin "$@"'],
            ["exec /absolute/python /absolute/bootstrap"],
        ),
        ([GOOD[0], "export RULES_PYTHON_EXTRACT_ROOT=rel", GOOD[2]], ["RULES_PYTHON_EXTRACT_ROOT"]),
        (["#!/usr/bin/env sh", GOOD[1], GOOD[2]], ["#!/bin/sh"]),
        ([GOOD[0], GOOD[1], '/usr/local/bin/python3 /app/bin "$@"'], ["exec /absolute"]),
    ],
)
def test_bad_launcher_lines(lines: list[str], wanted: list[str]) -> None:
    found = launcher_text_problems(lines)
    assert len(found) == len(wanted), found
    for problem, text in zip(found, wanted, strict=True):
        assert text in problem
