"""A new gear's names (manifest name, folder, app package, label) and the rules they follow."""

from __future__ import annotations

import keyword
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from gear_layout import (
    all_gears,
    app_package_for,
    folder_for,
    gear_folders,
    gear_in,
    shared_python_roots,
)
from gear_spec import RUNTIME_CONFIG_KEYS
from manifest_check.check import load_manifest

MAX_NAME_LENGTH = 48
MAX_INPUT_LENGTH = 32
NAME_PATTERN = re.compile(r"^[a-z0-9-]+$")
NAME_SHAPE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
INPUT_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
EXTENSION_PATTERN = re.compile(r"^[a-z0-9]{1,10}$")
DEFAULT_EXTENSION = "txt"
# Names run.py passes to main.run, or the runtime reads itself: not usable as input names.
RUN_PY_NAMES = frozenset({"client", "output_dir", "api_key"})
RESERVED_INPUTS = RUN_PY_NAMES | RUNTIME_CONFIG_KEYS


class ScaffoldError(Exception):
    """A new gear was refused; nothing was written."""


@dataclass(frozen=True)
class GearNames:
    """Every name of a gear, derived from its manifest name."""

    name: str  # sample-gear

    @property
    def folder(self) -> str:
        """gears/<folder>: sample_gear."""
        return folder_for(self.name)

    @property
    def app(self) -> str:
        """The app package, unique in the repository: sample_gear_app."""
        return app_package_for(self.folder)

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
    """Where `app` already exists: a shared root or any gear folder's src/python (even a gear
    without a manifest yet)."""
    roots = shared_python_roots(root)
    roots += [gear_in(root, folder).python_root for folder in gear_folders(root)]
    return [base / app for base in roots if (base / app).exists()]


def check_free(root: Path, names: GearNames) -> None:
    """ScaffoldError when the gear's folder or its app package already exists."""
    folder = gear_in(root, names.folder).root
    if folder.exists():
        raise ScaffoldError(f"gear {names.name!r}: {folder.relative_to(root)} already exists")
    for gear in all_gears(root):
        if _manifest_name(gear.manifest_path) == names.name:
            shown = gear.manifest_path.relative_to(root)
            raise ScaffoldError(f"gear {names.name!r}: {shown} already has that name")
    owners = _app_package_owners(root, names.app)
    if owners:
        taken = ", ".join(str(p.relative_to(root)) for p in owners)
        raise ScaffoldError(f"gear {names.name!r}: app package {names.app!r} exists ({taken})")
    if names.app in sys.stdlib_module_names:
        raise ScaffoldError(f"gear {names.name!r}: {names.app!r} is a standard library module")


@dataclass(frozen=True)
class FileInput:
    """A file input of a new gear: its name and its example file's extension (no dot)."""

    name: str
    extension: str = DEFAULT_EXTENSION

    @property
    def example_file(self) -> str:
        """The example's name in data/: input `my_file` -> `my-file.<extension>`."""
        return f"{self.name.replace('_', '-')}.{self.extension}"


def parse_input(text: str) -> FileInput:
    """`NAME` or `NAME:EXT` (`.EXT` too): the input and its example's extension."""
    name, colon, extension = text.partition(":")
    extension = extension.removeprefix(".").lower() if colon else DEFAULT_EXTENSION
    if not EXTENSION_PATTERN.match(extension):
        raise ScaffoldError(
            f"input {text!r}: the extension after ':' must be letters and digits, e.g."
            " project_file:csv"
        )
    return FileInput(name, extension)


def check_inputs(inputs: Sequence[str]) -> list[FileInput]:
    """The file inputs (`NAME[:EXT]`), checked: Python identifiers (run.py passes them by
    name), unique."""
    seen: list[str] = []
    found: list[FileInput] = []
    for text in inputs:
        file_input = parse_input(text)
        name = file_input.name
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
        found.append(file_input)
    return found
