"""The repository's source tree, for the few tests that read it whole (docs, floors)."""

from __future__ import annotations

import os
from pathlib import Path


def source_tree(test_file: str) -> Path:
    """The source tree: ./dev sets DEV_REPO_ROOT; under Bazel, `test_file` (a runfiles link)
    resolves into it, so such a test runs with tags ["external", "local"]."""
    if os.environ.get("DEV_REPO_ROOT"):
        return Path(os.environ["DEV_REPO_ROOT"])
    here = Path(test_file).resolve()
    return next(p for p in here.parents if (p / "MODULE.bazel").is_file())
