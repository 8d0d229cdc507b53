"""git for tests that build small repositories in tmp_path (needs the git command)."""

from __future__ import annotations

import subprocess
from pathlib import Path

# A committer for the test's commits, whatever the machine's git configuration says.
IDENTITY = ("-c", "user.name=Test", "-c", "user.email=test@example.org")


def git(root: Path, *args: str) -> str:
    """`git ARGS` in `root` as the test committer; its stdout, stripped (fails on an error)."""
    done = subprocess.run(
        ["git", *IDENTITY, *args], cwd=root, check=True, capture_output=True, text=True
    )
    return done.stdout.strip()


def commit_all(root: Path, message: str) -> str:
    """Stage everything (new files too) and commit it; the new commit's hash."""
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)
    return git(root, "rev-parse", "HEAD")
