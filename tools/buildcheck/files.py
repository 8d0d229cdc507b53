"""The repository's files as Bazel sees them: packages, the package of a file, and glob()."""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

BUILD_NAMES = ("BUILD.bazel", "BUILD")
SKIPPED_DIRS = frozenset({".git", "node_modules", ".venv", "__pycache__"})


def _skipped(path: str) -> bool:
    parts = path.split("/")
    return any(p in SKIPPED_DIRS or p.startswith("bazel-") for p in parts[:-1])


def list_repo_files(root: Path) -> list[str]:
    """Tracked plus untracked-not-ignored files (git), or a walk when `root` is no git tree."""
    try:
        out = subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
            cwd=root,
            capture_output=True,
            check=True,
        ).stdout.decode("utf-8")
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return _walk(root)
    if Path(top).resolve() != root.resolve():
        return _walk(root)
    names = (n for n in out.split("\0") if n)
    return sorted(n for n in names if not _skipped(n) and (root / n).is_file())


def _walk(root: Path) -> list[str]:
    found: list[str] = []
    for directory, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if d not in SKIPPED_DIRS and not d.startswith("bazel-")]
        rel = os.path.relpath(directory, root)
        for name in names:
            found.append(name if rel == "." else f"{rel}/{name}".replace(os.sep, "/"))
    return sorted(found)


@dataclass
class RepoFiles:
    """The file list with its packages (directories holding a BUILD file)."""

    root: Path
    files: list[str]
    packages: dict[str, str] = field(default_factory=dict)  # package -> BUILD file path
    file_set: frozenset[str] = frozenset()
    by_package: dict[str, list[str]] = field(default_factory=dict)  # package -> names in it

    @classmethod
    def scan(cls, root: Path) -> RepoFiles:
        """List the files under `root` and find the packages."""
        return cls.from_files(root, list_repo_files(root))

    @classmethod
    def from_files(cls, root: Path, files: list[str]) -> RepoFiles:
        repo = cls(root=root, files=files, file_set=frozenset(files))
        for path in files:
            directory, _, name = path.rpartition("/")
            if name in BUILD_NAMES:
                existing = repo.packages.get(directory)
                # BUILD.bazel wins over BUILD, as in Bazel.
                if existing is None or name == "BUILD.bazel":
                    repo.packages[directory] = path
        for path in files:
            package = repo.package_of(path)
            if package is not None:
                name = path[len(package) + 1 :] if package else path
                repo.by_package.setdefault(package, []).append(name)
        return repo

    def package_of(self, path: str) -> str | None:
        """The package that owns a file path (the nearest directory with a BUILD file)."""
        directory = path.rpartition("/")[0]
        while True:
            if directory in self.packages:
                return directory
            if not directory:
                return None
            directory = directory.rpartition("/")[0]

    def is_dir(self, path: str) -> bool:
        return (self.root / path).is_dir()

    def glob(self, package: str, include: list[str], exclude: list[str]) -> list[str]:
        """Files of `package` (not of its subpackages) matching the patterns, sorted."""
        names = self.by_package.get(package, [])
        included = {n for n in names if any(_glob_regex(p).fullmatch(n) for p in include)}
        excluded = {n for n in included if any(_glob_regex(p).fullmatch(n) for p in exclude)}
        return sorted(included - excluded)


@lru_cache(maxsize=512)
def _glob_regex(pattern: str) -> re.Pattern[str]:
    """Bazel glob syntax: `*` within a segment, `**` across segments, `?` one character."""
    parts: list[str] = []
    segments = pattern.split("/")
    for index, segment in enumerate(segments):
        last = index == len(segments) - 1
        if segment == "**":
            parts.append("(?:.*/)?" if not last else ".*")
            continue
        regex = ""
        for char in segment:
            if char == "*":
                regex += "[^/]*"
            elif char == "?":
                regex += "[^/]"
            else:
                regex += re.escape(char)
        parts.append(regex + ("" if last else "/"))
    return re.compile("".join(parts))
