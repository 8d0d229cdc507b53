"""Where the repository is; its gears and import roots come from gear_layout."""

from __future__ import annotations

import os
from pathlib import Path


def repo_root() -> Path:
    """The repository root (./dev exports DEV_REPO_ROOT; else found from this file).

    Symlinks are not resolved: in Bazel's runfiles tree this file is a symlink into the source
    tree, and the root must stay the runfiles tree, which holds what the target depends on.
    """
    env = os.environ.get("DEV_REPO_ROOT")
    if env:
        return Path(env)
    return Path(__file__).absolute().parents[2]
