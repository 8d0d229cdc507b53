"""What counts as changed, and since when, in real git repositories."""

from __future__ import annotations

from pathlib import Path

import pytest

from affected_tests import base_at, changes_since, default_base
from gear_pytest.git_repo import commit_all as commit
from gear_pytest.git_repo import git
from gear_release.git import GitError


def write(root: Path, path: str, text: str = "x\n") -> None:
    (root / path).parent.mkdir(parents=True, exist_ok=True)
    (root / path).write_text(text)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q", "-b", "main")
    write(tmp_path, ".gitignore", ".venv/\n")
    for path in ("a/kept.py", "a/edited.py", "b/deleted.py", "c/committed.py"):
        write(tmp_path, path)
    commit(tmp_path, "first")
    return tmp_path


def test_commits_edits_deletions_and_untracked_files_count(repo: Path) -> None:
    base = base_at(repo, "HEAD")
    write(repo, "c/committed.py", "changed\n")
    commit(repo, "second")
    write(repo, "a/edited.py", "not committed\n")
    (repo / "b/deleted.py").unlink()
    write(repo, "d/untracked.py")
    write(repo, ".venv/ignored.py")

    assert changes_since(repo, base) == {
        "a/edited.py",
        "b/deleted.py",
        "c/committed.py",
        "d/untracked.py",
    }


def test_the_default_base_is_the_merge_base_with_origin_main(repo: Path) -> None:
    first = git(repo, "rev-parse", "HEAD")
    git(repo, "update-ref", "refs/remotes/origin/main", first)
    write(repo, "c/committed.py", "on a branch\n")
    commit(repo, "on the branch")
    git(repo, "checkout", "-q", "-b", "upstream", first)
    write(repo, "a/kept.py", "upstream moved on\n")
    git(repo, "update-ref", "refs/remotes/origin/main", commit(repo, "upstream"))
    git(repo, "checkout", "-q", "main")

    base = default_base(repo)

    assert (base.commit, base.how) == (first, "merge base with origin/main")
    assert changes_since(repo, base) == {"c/committed.py"}  # not upstream's a/kept.py


def test_without_origin_main_the_base_is_head(repo: Path) -> None:
    write(repo, "a/edited.py", "not committed\n")
    base = default_base(repo)
    assert (base.commit, base.how) == (
        git(repo, "rev-parse", "HEAD"),
        "HEAD, as there is no origin/main",
    )
    assert changes_since(repo, base) == {"a/edited.py"}


def test_an_unknown_revision_is_one_clear_error(repo: Path) -> None:
    with pytest.raises(GitError, match="unknown revision 'no-such-branch'"):
        base_at(repo, "no-such-branch")


def test_an_origin_main_without_a_common_commit_is_an_error_not_head(repo: Path) -> None:
    git(repo, "checkout", "-q", "--orphan", "unrelated")
    write(repo, "z.py")
    git(repo, "update-ref", "refs/remotes/origin/main", commit(repo, "unrelated history"))
    git(repo, "checkout", "-q", "main")
    with pytest.raises(GitError, match=r"share no commit .* --since REV"):
        default_base(repo)


def test_paths_come_back_as_they_are_not_quoted(repo: Path) -> None:
    base = base_at(repo, "HEAD")
    write(repo, "a/caf\u00e9 notes.py")
    write(repo, "a/edited.py", "changed\n")
    assert changes_since(repo, base) == {"a/caf\u00e9 notes.py", "a/edited.py"}
