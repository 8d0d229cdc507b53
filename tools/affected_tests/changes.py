"""What changed: the files since a base revision, uncommitted and untracked ones included."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from gear_release.git import GitError, changed_files, git, resolve

UPSTREAM = "origin/main"


@dataclass(frozen=True)
class Base:
    """The revision changes are counted from, and how it was chosen (for the closing line)."""

    commit: str
    how: str  # e.g. "merge base with origin/main"


def default_base(root: Path) -> Base:
    """The merge base of HEAD with origin/main; HEAD when there is no origin/main. GitError
    when origin/main exists but shares no commit with HEAD (a shallow clone, say): counting
    from HEAD then would skip what the branch changed."""
    try:
        resolve(root, UPSTREAM)
    except GitError:
        return Base(resolve(root, "HEAD"), f"HEAD, as there is no {UPSTREAM}")
    try:
        commit = git(root, "merge-base", "HEAD", UPSTREAM).strip()
    except GitError:
        raise GitError(
            f"HEAD and {UPSTREAM} share no commit (a shallow clone?): run"
            f" `git fetch --unshallow origin`, or give --since REV"
        ) from None
    return Base(commit, f"merge base with {UPSTREAM}")


def base_at(root: Path, rev: str | None) -> Base:
    """`rev` as a Base (GitError naming it when it names no commit); None: default_base."""
    if rev is None:
        return default_base(root)
    return Base(resolve(root, rev), rev)


def changes_since(root: Path, base: Base) -> set[str]:
    """Paths changed since `base`: later commits, uncommitted edits, new untracked files."""
    return changed_files(root, base.commit)
