"""Atomic file replacement: whole new contents, kept permissions, nothing half-written."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from atomic_files import write_text_atomically


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_file_gets_the_text_and_0644(tmp_path: Path) -> None:
    path = tmp_path / "out" / "report.json"
    write_text_atomically(path, "{}\n")
    assert path.read_text() == "{}\n"
    assert mode_of(path) == 0o644


def test_existing_file_keeps_its_mode_unless_one_is_given(tmp_path: Path) -> None:
    path = tmp_path / "run.sh"
    path.write_text("old")
    path.chmod(0o755)
    write_text_atomically(path, "new")
    assert (path.read_text(), mode_of(path)) == ("new", 0o755)
    write_text_atomically(path, "secret", mode=0o600)
    assert (path.read_text(), mode_of(path)) == ("secret", 0o600)


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "manifest.json"
    path.write_text("old")
    with pytest.raises(UnicodeEncodeError):
        write_text_atomically(path, "half \udcff written")
    assert path.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["manifest.json"]
