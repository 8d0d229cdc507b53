"""The gear folder layout and what a manifest declares."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gear_spec import (
    DEFAULT_GEAR_DIR,
    GearPaths,
    declared_config,
    declared_inputs,
    gear_dir_from_env,
    input_names,
    missing_defaults,
)

MANIFEST: dict[str, Any] = {
    "config": {"dry_run": {"type": "boolean", "default": False}, "note": {"type": "string"}},
    "inputs": {
        "project_file": {"base": "file"},
        "api-key": {"base": "api-key"},
        "other_file": {"base": "file", "optional": True},
        "odd": "not a declaration",
    },
}


def test_gear_dir_from_env(tmp_path: Path) -> None:
    assert gear_dir_from_env({}) == DEFAULT_GEAR_DIR
    assert gear_dir_from_env({"FLYWHEEL": ""}) == DEFAULT_GEAR_DIR
    assert gear_dir_from_env({"FLYWHEEL": str(tmp_path)}) == tmp_path


def test_paths(tmp_path: Path) -> None:
    paths = GearPaths(tmp_path)
    assert (paths.manifest, paths.config) == (tmp_path / "manifest.json", tmp_path / "config.json")
    assert (paths.input_dir, paths.output_dir, paths.work_dir) == (
        tmp_path / "input",
        tmp_path / "output",
        tmp_path / "work",
    )
    assert paths.input_file("project_file", "p.yaml") == tmp_path / "input/project_file/p.yaml"


def test_make_folders_creates_the_empty_folders_once_or_again(tmp_path: Path) -> None:
    paths = GearPaths(tmp_path / "gear")
    paths.make_folders()
    paths.make_folders()
    assert sorted(p.name for p in paths.gear_dir.iterdir()) == ["input", "output", "work"]
    assert all(not any(folder.iterdir()) for folder in paths.gear_dir.iterdir())


def test_declarations_by_section_and_base() -> None:
    assert list(declared_config(MANIFEST)) == ["dry_run", "note"]
    assert list(declared_inputs(MANIFEST)) == ["project_file", "api-key", "other_file", "odd"]
    assert input_names(MANIFEST, "file") == ["project_file", "other_file"]
    assert input_names(MANIFEST, "api-key") == ["api-key"]


def test_sections_that_are_not_objects_read_as_empty() -> None:
    odd = {"config": [], "inputs": "nonsense"}
    assert (declared_config(odd), declared_inputs(odd), input_names(odd, "file")) == ({}, {}, [])
    assert declared_config({}) == {}


def test_missing_defaults_are_copies_of_the_defaults_config_lacks() -> None:
    declared = MANIFEST["config"]
    assert missing_defaults(declared, {}) == {"dry_run": False}
    assert missing_defaults(declared, {"dry_run": True}) == {}
    tags = {"tags": {"type": "array", "default": ["a"]}}
    filled = missing_defaults(tags, {})
    filled["tags"].append("b")
    assert tags["tags"]["default"] == ["a"]
    assert missing_defaults({"x": "not a directive"}, {}) == {}  # type: ignore[dict-item]
