"""A throwaway clone of the repository that reuses its built .venv and node_modules."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# Built from the lock files, which the clone shares: linked, not rebuilt (minutes saved).
REUSED = (".venv", "node_modules")


@contextmanager
def temporary_clone(root: Path) -> Iterator[Path]:
    """A clone of `root`'s committed HEAD in a temporary folder, removed afterwards."""
    parent = Path(tempfile.mkdtemp(prefix="gate-bench-"))
    try:
        clone = parent / "repo"
        subprocess.run(
            ["git", "clone", "--quiet", "--no-hardlinks", str(root), str(clone)],
            check=True,
            capture_output=True,
        )
        exclude = clone / ".git/info/exclude"
        for name in REUSED:
            if (root / name).is_dir():
                (clone / name).symlink_to((root / name).resolve())
                with exclude.open("a", encoding="utf-8") as out:
                    out.write(f"/{name}\n")  # a link is not the folder .gitignore names
        yield clone
    finally:
        shutil.rmtree(parent)  # the links go, not what they point to
