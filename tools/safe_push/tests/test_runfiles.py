"""Runfiles paths resolve through RUNFILES_DIR or a runfiles manifest."""

from __future__ import annotations

from pathlib import Path

import pytest

from safe_push.runfiles import RunfilesError, rlocation


def test_runfiles_dir(tmp_path: Path) -> None:
    (tmp_path / "_main" / "pkg").mkdir(parents=True)
    (tmp_path / "_main" / "pkg" / "tool").write_text("x")
    found = rlocation("_main/pkg/tool", {"RUNFILES_DIR": str(tmp_path)})
    assert found == tmp_path / "_main" / "pkg" / "tool"


def test_manifest_files_and_directories(tmp_path: Path) -> None:
    real = tmp_path / "out" / "image"
    (real / "blobs").mkdir(parents=True)
    manifest = tmp_path / "bin.runfiles_manifest"
    manifest.write_text(
        f"_main/pkg/tool {tmp_path / 'out' / 'tool'}\n"
        f"_main/pkg/image/index.json {real / 'index.json'}\n"
        f"_main/pkg/image/blobs/sha256/ab {real / 'blobs' / 'sha256' / 'ab'}\n"
    )
    environ = {"RUNFILES_MANIFEST_FILE": str(manifest)}
    assert rlocation("_main/pkg/tool", environ) == tmp_path / "out" / "tool"
    assert rlocation("_main/pkg/image", environ) == real


def test_absolute_paths_and_missing_paths(tmp_path: Path) -> None:
    assert rlocation(str(tmp_path), {}) == tmp_path
    with pytest.raises(RunfilesError, match="_main/nope: not in this binary's runfiles"):
        rlocation("_main/nope", {"RUNFILES_DIR": str(tmp_path)})
