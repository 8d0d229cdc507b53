"""Where things are in the repository, and the one resolver from a gear name to its files."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
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


class UnknownGearError(Exception):
    """No gear has that folder or manifest name."""


@dataclass(frozen=True)
class Gear:
    """One gear's names and paths, all derived from its folder."""

    folder: str
    root: Path

    @property
    def docker_dir(self) -> Path:
        return self.root / "src" / "docker"

    @property
    def manifest_path(self) -> Path:
        return self.docker_dir / "manifest.json"

    @property
    def manifest(self) -> dict[str, object]:
        loaded = json.loads(self.manifest_path.read_text())
        if not isinstance(loaded, dict):
            raise ValueError(f"{self.manifest_path}: not a JSON object")
        return loaded

    @property
    def manifest_name(self) -> str:
        """The manifest `name` (the folder with `_` as `-` when they agree)."""
        return str(self.manifest.get("name", self.folder.replace("_", "-")))

    @property
    def python_root(self) -> Path:
        return self.root / "src" / "python"

    @property
    def app_package(self) -> str:
        """The gear's single app package under src/python/."""
        packages = sorted(
            p.name for p in self.python_root.iterdir() if (p / "__init__.py").is_file()
        )
        if len(packages) != 1:
            raise ValueError(f"{self.python_root}: expected one app package, found {packages}")
        return packages[0]

    @property
    def app_dir(self) -> Path:
        return self.python_root / self.app_package

    @property
    def data_dir(self) -> Path:
        return self.root / "data"


def all_gears(root: Path | None = None) -> list[Gear]:
    """Every folder under gears/ that has a manifest, sorted by folder."""
    base = (root or repo_root()) / "gears"
    if not base.is_dir():
        return []
    return [
        Gear(folder=p.name, root=p)
        for p in sorted(base.iterdir())
        if (p / "src" / "docker" / "manifest.json").is_file()
    ]


def resolve_gear(name: str, root: Path | None = None) -> Gear:
    """Find a gear by folder (`project_management`) or manifest name (`project-management`)."""
    gears = all_gears(root)
    for gear in gears:
        if name in (gear.folder, gear.manifest_name):
            return gear
    known = ", ".join(g.folder for g in gears) or "none"
    raise UnknownGearError(f"no gear named {name!r} (known gears: {known})")


def python_roots(root: Path | None = None) -> list[Path]:
    """Import roots, as Bazel's `imports` attributes set them: common, tools, every gear."""
    base = root or repo_root()
    roots = [base / "common" / "src" / "python", base / "tools"]
    roots += [gear.python_root for gear in all_gears(base)]
    return roots


def use_python_roots(root: Path | None = None) -> None:
    """Put the import roots first on this process's path and its children's PYTHONPATH."""
    roots = [str(p) for p in python_roots(root)]
    sys.path[1:1] = [r for r in roots if r not in sys.path]
    inherited = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join([*roots, *([inherited] if inherited else [])])
