"""The copy cosmic-ray mutates: the repository's files, not ignored ones, the original untouched."""

from __future__ import annotations

import subprocess
from pathlib import Path

from mutate.session import copy_repository


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_the_copy_has_tracked_and_new_files_but_not_ignored_ones(tmp_path: Path) -> None:
    repo, copy = tmp_path / "repo", tmp_path / "copy"
    (repo / "pkg").mkdir(parents=True)
    (repo / ".gitignore").write_text(".venv/\n")
    (repo / "pkg" / "tracked.py").write_text("x = 1\n")
    git("init", "-q", cwd=repo)
    git("add", ".", cwd=repo)
    (repo / "pkg" / "new.py").write_text("y = 2\n")
    (repo / ".venv").mkdir()
    (repo / ".venv" / "big.py").write_text("")
    copy_repository(repo, copy)
    assert sorted(str(p.relative_to(copy)) for p in copy.rglob("*") if p.is_file()) == [
        ".gitignore",
        "pkg/new.py",
        "pkg/tracked.py",
    ]
    (copy / "pkg" / "tracked.py").write_text("x = 2\n")  # a mutant
    assert (repo / "pkg" / "tracked.py").read_text() == "x = 1\n"
