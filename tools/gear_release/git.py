"""The few git questions `./dev changed` asks, answered by the git command line."""

from __future__ import annotations

import subprocess
from pathlib import Path


class GitError(Exception):
    """A git command failed (unknown revision, not a repository, ...)."""


def git(root: Path, *args: str) -> str:
    """stdout of `git args` in `root`; GitError with git's own message when it fails."""
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    if done.returncode != 0:
        message = done.stderr.strip().splitlines()[-1:] or [f"exit {done.returncode}"]
        raise GitError(f"git {' '.join(args)}: {message[0]}")
    return done.stdout


def resolve(root: Path, rev: str) -> str:
    """The commit `rev` names; GitError when it names none."""
    try:
        return git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").strip()
    except GitError:
        raise GitError(f"unknown revision {rev!r} (a tag, branch or commit)") from None


def changed_files(root: Path, rev: str) -> set[str]:
    """Paths changed since `rev`: commits after it, uncommitted edits, and new untracked files."""
    commit = resolve(root, rev)
    # -z: paths as they are (without it git quotes non-ASCII ones), NUL-separated
    diffed = git(root, "diff", "--name-only", "-z", "--no-renames", commit, "--").split("\0")
    untracked = git(root, "ls-files", "-z", "--others", "--exclude-standard").split("\0")
    return {path for path in [*diffed, *untracked] if path}


def file_at(root: Path, rev: str, path: str) -> str | None:
    """The text of `path` at `rev`, None when it did not exist there."""
    try:
        return git(root, "show", f"{resolve(root, rev)}:{path}")
    except GitError:
        return None


def tags_matching(root: Path, pattern: str) -> list[str]:
    """Tags matching a glob pattern, e.g. `project-management/v*`."""
    return [line for line in git(root, "tag", "--list", pattern).splitlines() if line]
