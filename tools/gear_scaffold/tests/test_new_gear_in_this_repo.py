"""A new gear in a copy of this repository: the build check and `./dev deps` pass on it as made,
so the generated BUILD files list what the generated code imports."""

from __future__ import annotations

import shutil
from pathlib import Path

from build_deps.cli import main as deps_main
from buildcheck import check
from buildcheck.files import list_repo_files
from gear_pytest.source_tree import source_tree
from gear_scaffold import create_gear


def copy_of_this_repository(destination: Path) -> Path:
    source = source_tree(__file__)
    for relative in list_repo_files(source):
        if (source / relative).is_file():
            (destination / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source / relative, destination / relative)
    return destination


def test_new_gears_pass_the_build_check_and_deps_as_made(tmp_path: Path) -> None:
    root = copy_of_this_repository(tmp_path / "repo")
    create_gear(root, "bot-gear", gear_bot=True, inputs=["centers:csv"])
    create_gear(root, "plain-gear")

    problems = [str(p) for p in check(root) if "_gear/" in str(p)]

    assert problems == []
    assert deps_main(["--root", str(root), "gears/bot_gear", "gears/plain_gear"]) == 0
