"""A new gear's names (manifest name, folder, app package, label) and the rules they follow."""

from __future__ import annotations

import keyword
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from manifest_check.check import load_manifest

MAX_NAME_LENGTH = 48
MAX_INPUT_LENGTH = 32
NAME_PATTERN = re.compile(r"^[a-z0-9-]+$")
NAME_SHAPE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
INPUT_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
# Names run.py passes to main.run, or the runtime reads itself: not usable as input names.
RESERVED_INPUTS = frozenset({"client", "output_dir", "api_key", "apikey_path_prefix", "debug"})


class ScaffoldError(Exception):
    """A new gear was refused; nothing was written."""


@dataclass(frozen=True)
class GearNames:
    """Every name of a gear, derived from its manifest name."""

    name: str  # sample-gear

    @property
    def folder(self) -> str:
        """gears/<folder>: sample_gear."""
        return self.name.replace("-", "_")

    @property
    def app(self) -> str:
        """The app package, unique in the repository: sample_gear_app."""
        return f"{self.folder}_app"

    @property
    def label(self) -> str:
        """The manifest label: Sample Gear."""
        return " ".join(word.capitalize() for word in self.name.split("-"))


def check_name(name: str) -> GearNames:
    """The gear's names; ScaffoldError when `name` is not a usable manifest name."""
    if not NAME_PATTERN.match(name):
        raise ScaffoldError(
            f"gear name {name!r}: use lower-case letters, digits and '-' only"
            " (the manifest name, e.g. sample-gear)"
        )
    if len(name) > MAX_NAME_LENGTH:
        raise ScaffoldError(f"gear name {name!r}: at most {MAX_NAME_LENGTH} characters")
    if not NAME_SHAPE.match(name):
        raise ScaffoldError(
            f"gear name {name!r}: start with a letter and use single '-' between words"
            " (its folder and Python package are made from it)"
        )
    return GearNames(name)


def _manifest_name(path: Path) -> object:
    manifest, _ = load_manifest(path)
    return manifest.get("name") if manifest is not None else None


def _app_package_owners(root: Path, app: str) -> list[Path]:
    roots = [root / "common" / "src" / "python", root / "tools"]
    roots += sorted((root / "gears").glob("*/src/python"))
    return [base / app for base in roots if (base / app).exists()]


def check_free(root: Path, names: GearNames) -> None:
    """ScaffoldError when the gear's folder or its app package already exists."""
    folder = root / "gears" / names.folder
    if folder.exists():
        raise ScaffoldError(f"gear {names.name!r}: {folder.relative_to(root)} already exists")
    for manifest in sorted((root / "gears").glob("*/src/docker/manifest.json")):
        if _manifest_name(manifest) == names.name:
            shown = manifest.relative_to(root)
            raise ScaffoldError(f"gear {names.name!r}: {shown} already has that name")
    owners = _app_package_owners(root, names.app)
    if owners:
        taken = ", ".join(str(p.relative_to(root)) for p in owners)
        raise ScaffoldError(f"gear {names.name!r}: app package {names.app!r} exists ({taken})")
    if names.app in sys.stdlib_module_names:
        raise ScaffoldError(f"gear {names.name!r}: {names.app!r} is a standard library module")


def check_inputs(inputs: Sequence[str]) -> list[str]:
    """The file input names, checked: Python identifiers (run.py passes them by name), unique."""
    seen: list[str] = []
    for name in inputs:
        if not INPUT_PATTERN.match(name) or keyword.iskeyword(name):
            raise ScaffoldError(
                f"input {name!r}: use a lower-case Python name (letters, digits, '_'),"
                " e.g. project_file"
            )
        if len(name) > MAX_INPUT_LENGTH:
            raise ScaffoldError(f"input {name!r}: at most {MAX_INPUT_LENGTH} characters")
        if name in RESERVED_INPUTS:
            raise ScaffoldError(f"input {name!r}: reserved (the runtime or run.py uses it)")
        if name in seen:
            raise ScaffoldError(f"input {name!r}: given twice")
        seen.append(name)
    return seen
