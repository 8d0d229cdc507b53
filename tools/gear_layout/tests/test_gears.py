"""gear_layout.gears: which folders are gears, their paths, and finding one by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from gear_layout import Gear, UnknownGearError, all_gears, gear_folders, gear_in, resolve_gear


def add_gear(root: Path, folder: str, manifest: str | None, app: str | None = None) -> None:
    """gears/<folder>/ with src/docker/manifest.json holding `manifest` (None: no manifest)."""
    docker = root / "gears" / folder / "src" / "docker"
    docker.mkdir(parents=True)
    if manifest is not None:
        (docker / "manifest.json").write_text(manifest)
    if app is not None:
        package = root / "gears" / folder / "src" / "python" / app
        package.mkdir(parents=True)
        (package / "__init__.py").write_text("")


def test_no_gears_folder_means_no_gears(tmp_path: Path) -> None:
    assert gear_folders(tmp_path) == []
    assert all_gears(tmp_path) == []


def test_gears_are_the_folders_with_a_manifest_sorted(tmp_path: Path) -> None:
    add_gear(tmp_path, "zeta", '{"name": "zeta"}')
    add_gear(tmp_path, "half_made", None)
    add_gear(tmp_path, "alpha_gear", '{"name": "alpha-gear"}')
    (tmp_path / "gears" / "README.md").write_text("not a gear")
    assert gear_folders(tmp_path) == ["alpha_gear", "half_made", "zeta"]
    assert [g.folder for g in all_gears(tmp_path)] == ["alpha_gear", "zeta"]
    assert all_gears(tmp_path)[0] == Gear("alpha_gear", tmp_path / "gears" / "alpha_gear")


def test_a_gear_is_found_by_folder_or_manifest_name(tmp_path: Path) -> None:
    add_gear(tmp_path, "sample_gear", '{"name": "sample-gear"}')
    by_folder = resolve_gear("sample_gear", tmp_path)
    assert by_folder == resolve_gear("sample-gear", tmp_path)
    assert by_folder.manifest_name == "sample-gear"


def test_a_manifest_without_a_name_implies_it_from_the_folder(tmp_path: Path) -> None:
    add_gear(tmp_path, "sample_gear", "{}")
    assert resolve_gear("sample-gear", tmp_path).folder == "sample_gear"


def test_an_unknown_gear_names_the_known_ones(tmp_path: Path) -> None:
    with pytest.raises(UnknownGearError, match=r"no gear named 'x' \(known gears: none\)"):
        resolve_gear("x", tmp_path)
    add_gear(tmp_path, "b", '{"name": "b"}')
    add_gear(tmp_path, "a", '{"name": "a"}')
    with pytest.raises(UnknownGearError, match=r"no gear named 'c' \(known gears: a, b\)"):
        resolve_gear("c", tmp_path)


def test_every_path_derives_from_the_folder(tmp_path: Path) -> None:
    add_gear(tmp_path, "tiny", '{"name": "tiny"}', app="tiny_app")
    gear = resolve_gear("tiny", tmp_path)
    root = tmp_path / "gears" / "tiny"
    assert gear.manifest_path == root / "src" / "docker" / "manifest.json"
    assert gear.manifest == {"name": "tiny"}
    assert gear.python_root == root / "src" / "python"
    assert (gear.app_package, gear.app_dir) == ("tiny_app", root / "src/python/tiny_app")
    assert gear.data_dir == root / "data"


def test_a_relative_root_gives_repository_relative_paths() -> None:
    gear = gear_in(Path(), "tiny")
    assert gear.manifest_path.as_posix() == "gears/tiny/src/docker/manifest.json"
    assert gear.python_root.as_posix() == "gears/tiny/src/python"


def test_a_manifest_that_is_not_an_object_is_refused(tmp_path: Path) -> None:
    add_gear(tmp_path, "odd", "[1]")
    with pytest.raises(ValueError, match="must hold a JSON object, not list"):
        _ = gear_in(tmp_path, "odd").manifest


def test_a_gear_needs_exactly_one_app_package(tmp_path: Path) -> None:
    add_gear(tmp_path, "two", '{"name": "two"}', app="one_app")
    (tmp_path / "gears/two/src/python/other_app").mkdir()
    (tmp_path / "gears/two/src/python/other_app/__init__.py").write_text("")
    with pytest.raises(ValueError, match=r"expected one app package, found \['one_app', 'oth"):
        _ = gear_in(tmp_path, "two").app_package
