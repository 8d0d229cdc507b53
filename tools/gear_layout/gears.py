"""The gears of a repository (folders under gears/ with a manifest) and the paths of each."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gear_layout.names import name_for

GEARS_DIR = "gears"


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
    def manifest(self) -> dict[str, Any]:
        """The manifest; ManifestUnreadable (one line: file, line, column) if it is not JSON.

        The shared reader is imported here, not at the top: `./dev` finds the import roots
        through this package before common/ is on the path.
        """
        from manifest_rules import read_manifest  # noqa: PLC0415 -- see the docstring

        return read_manifest(self.manifest_path)

    @property
    def manifest_name(self) -> str:
        """The manifest `name` (the folder with `_` as `-` when they agree)."""
        return str(self.manifest.get("name", name_for(self.folder)))

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


def gear_in(root: Path, folder: str) -> Gear:
    """The gear in root/gears/<folder>, whether or not it exists (a relative `root` gives
    repository-relative paths)."""
    return Gear(folder=folder, root=root / GEARS_DIR / folder)


def gear_folders(root: Path) -> list[str]:
    """Every folder under root/gears, with a manifest or not, sorted."""
    base = root / GEARS_DIR
    if not base.is_dir():
        return []
    return sorted(p.name for p in base.iterdir() if p.is_dir())


def all_gears(root: Path) -> list[Gear]:
    """Every folder under root/gears that has a manifest, sorted by folder."""
    gears = (gear_in(root, folder) for folder in gear_folders(root))
    return [gear for gear in gears if gear.manifest_path.is_file()]


def _manifest_name_or_none(gear: Gear) -> str | None:
    try:
        return gear.manifest_name
    except ValueError:  # manifest_rules.ManifestUnreadable
        return None  # found by its folder, or its manifest's one-line error shows later


def resolve_gear(name: str, root: Path) -> Gear:
    """Find a gear by folder (`project_management`) or manifest name (`project-management`).

    Folders are matched first, so a gear whose manifest is not JSON is still found by its folder
    (reading its manifest then gives the one-line error).
    """
    gears = all_gears(root)
    for gear in gears:
        if name == gear.folder:
            return gear
    for gear in gears:
        if name == _manifest_name_or_none(gear):
            return gear
    known = ", ".join(g.folder for g in gears) or "none"
    raise UnknownGearError(f"no gear named {name!r} (known gears: {known})")
