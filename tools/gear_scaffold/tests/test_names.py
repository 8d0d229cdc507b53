"""A new gear's names and the rules that refuse unusable ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from gear_scaffold.names import (
    FileInput,
    GearNames,
    ScaffoldError,
    check_free,
    check_inputs,
    check_name,
)


def test_every_name_derives_from_the_manifest_name() -> None:
    names = check_name("sample-gear")
    assert names == GearNames("sample-gear")
    assert (names.folder, names.app, names.label) == (
        "sample_gear",
        "sample_gear_app",
        "Sample Gear",
    )


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("Sample", "lower-case letters, digits and '-' only"),
        ("sample_gear", "lower-case letters, digits and '-' only"),
        ("", "lower-case letters, digits and '-' only"),
        ("x" * 49, "at most 48 characters"),
        ("1gear", "start with a letter"),
        ("-gear", "start with a letter"),
        ("gear-", "single '-' between words"),
        ("a--b", "single '-' between words"),
    ],
)
def test_unusable_names_are_refused(name: str, reason: str) -> None:
    with pytest.raises(ScaffoldError, match=reason):
        check_name(name)


def test_an_existing_gear_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "gears" / "sample_gear").mkdir(parents=True)
    with pytest.raises(ScaffoldError, match="gears/sample_gear already exists"):
        check_free(tmp_path, GearNames("sample-gear"))


@pytest.mark.parametrize("where", ["common/src/python", "tools", "gears/other_gear/src/python"])
def test_an_existing_app_package_anywhere_is_refused(tmp_path: Path, where: str) -> None:
    (tmp_path / where / "sample_gear_app").mkdir(parents=True)
    with pytest.raises(ScaffoldError, match=f"app package 'sample_gear_app' exists \\({where}"):
        check_free(tmp_path, GearNames("sample-gear"))


def test_a_manifest_name_used_by_another_folder_is_refused(tmp_path: Path) -> None:
    docker = tmp_path / "gears" / "legacy" / "src" / "docker"
    docker.mkdir(parents=True)
    (docker / "manifest.json").write_text('{"name":"sample-gear"}')
    with pytest.raises(ScaffoldError, match=r"legacy/src/docker/manifest\.json already has that"):
        check_free(tmp_path, GearNames("sample-gear"))


def test_a_free_name_passes(tmp_path: Path) -> None:
    check_free(tmp_path, GearNames("sample-gear"))


@pytest.mark.parametrize(
    ("inputs", "reason"),
    [
        (["project-file"], "lower-case Python name"),
        (["class"], "lower-case Python name"),
        (["x" * 33], "at most 32 characters"),
        (["client"], "reserved"),
        (["a", "a"], "given twice"),
    ],
)
def test_unusable_inputs_are_refused(inputs: list[str], reason: str) -> None:
    with pytest.raises(ScaffoldError, match=reason):
        check_inputs(inputs)


def test_inputs_keep_their_order_and_extensions() -> None:
    assert check_inputs(["project_file", "centers:csv"]) == [
        FileInput("project_file", "txt"),
        FileInput("centers", "csv"),
    ]
    assert FileInput("center_list", "csv").example_file == "center-list.csv"
