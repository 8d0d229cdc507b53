"""dev_cli.repo: the root (DEV_REPO_ROOT, else the tree this file is in, symlinks unresolved)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

import dev_cli.repo

REPO_PY = Path(dev_cli.repo.__file__)


def load_through_symlink(tree: Path, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """dev_cli/repo.py loaded from `tree`/tools/dev_cli/repo.py, a symlink to the real file
    (as in Bazel's runfiles tree)."""
    link = tree / "tools" / "dev_cli" / "repo.py"
    link.parent.mkdir(parents=True)
    link.symlink_to(REPO_PY.resolve())
    spec = importlib.util.spec_from_file_location("repo_through_symlink", link)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)  # its dataclasses look it up there
    spec.loader.exec_module(module)
    return module


def test_the_root_is_the_symlinked_tree_not_the_source_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DEV_REPO_ROOT", raising=False)
    runfiles = tmp_path / "runfiles" / "_main"
    module = load_through_symlink(runfiles, monkeypatch)
    assert module.repo_root() == runfiles
    assert module.repo_root() != REPO_PY.resolve().parents[2]


def test_dev_repo_root_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEV_REPO_ROOT", str(tmp_path))
    assert dev_cli.repo.repo_root() == tmp_path
