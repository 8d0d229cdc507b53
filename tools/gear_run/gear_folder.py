"""A gear folder in the shape Flywheel gives a job (/flywheel/v0 elsewhere), for `./dev run`.

manifest.json (a copy), config.json (mode 0600 from the start: it holds the API key), and each
file input copied to input/<name>/<file name>; output/ and work/ exist and are empty.
"""

from __future__ import annotations

import json
import mimetypes
import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gear_run.errors import RunError

PRIVATE_MODE = 0o600
DESTINATION = {"type": "project", "id": "000000000000000000000001"}
HIERARCHY = {"type": "project", "id": "000000000000000000000001"}
# Flywheel's file types by extension (a few; others are "text" unless the manifest restricts).
FILE_TYPES = {
    ".yaml": "source code",
    ".yml": "source code",
    ".json": "source code",
    ".py": "source code",
    ".csv": "tabular data",
    ".tsv": "tabular data",
    ".txt": "text",
    ".dcm": "dicom",
    ".zip": "archive",
}


@dataclass(frozen=True)
class GearFolder:
    """The paths of a gear folder."""

    path: Path

    @property
    def manifest(self) -> Path:
        """manifest.json."""
        return self.path / "manifest.json"

    @property
    def config(self) -> Path:
        """config.json (holds the key; mode 0600)."""
        return self.path / "config.json"

    @property
    def output_dir(self) -> Path:
        """output/."""
        return self.path / "output"


def _file_type(path: Path, spec: Mapping[str, Any]) -> str:
    guess = FILE_TYPES.get(path.suffix.lower(), "text")
    allowed = (spec.get("type") or {}).get("enum")
    if isinstance(allowed, list) and allowed and guess not in allowed:
        return str(allowed[0])
    return guess


def file_input(path: Path, spec: Mapping[str, Any]) -> dict[str, Any]:
    """The config.json object of a file input whose copy is at `path`."""
    return {
        "base": "file",
        "hierarchy": dict(HIERARCHY),
        "location": {"path": str(path), "name": path.name},
        "object": {
            "type": _file_type(path, spec),
            "mimetype": mimetypes.guess_type(path.name)[0] or "application/octet-stream",
            "size": path.stat().st_size,
            "tags": [],
            "info": {},
            "modality": None,
            "classification": {},
        },
    }


def write_private(path: Path, text: str) -> None:
    """Write `text` to `path`, readable by the owner only from the first byte."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_MODE)
    with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
        os.fchmod(stream.fileno(), PRIVATE_MODE)
        stream.write(text)


def check_inputs(manifest: Mapping[str, Any], inputs: Mapping[str, Path]) -> None:
    """RunError listing every input the manifest does not declare as a file, or that is missing."""
    declared: Mapping[str, Any] = manifest.get("inputs") or {}
    problems = []
    for name, source in inputs.items():
        spec = declared.get(name)
        if spec is None or spec.get("base") != "file":
            known = ", ".join(n for n, s in declared.items() if s.get("base") == "file")
            problems.append(f"--input {name}: the manifest has no such file input ({known})")
        elif not source.is_file():
            problems.append(f"--input {name}={source}: no such file")
    if problems:
        raise RunError("\n".join(problems))


def write_gear_folder(
    folder: Path,
    manifest_path: Path,
    config: Mapping[str, Any],
    inputs: Mapping[str, Path],
    api_key: str | None,
) -> GearFolder:
    """Fill `folder` (created if needed) for one run; RunError for an unknown, missing or
    unreadable input."""
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    check_inputs(manifest, inputs)
    declared: Mapping[str, Any] = manifest["inputs"]
    gear = GearFolder(folder)
    for sub in ("input", "output", "work"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    shutil.copyfile(manifest_path, gear.manifest)
    config_inputs: dict[str, Any] = {}
    for name, source in inputs.items():
        target = folder / "input" / name / source.name
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            shutil.copyfile(source, target)
        except OSError as error:
            raise RunError(f"--input {name}={source}: cannot copy it ({error.strerror})") from None
        config_inputs[name] = file_input(target, declared[name])
    if api_key is not None:
        for name, spec in declared.items():
            if spec.get("base") == "api-key":
                config_inputs[name] = {"base": "api-key", "key": api_key}
    config_json = {"config": dict(config), "inputs": config_inputs, "destination": DESTINATION}
    write_private(gear.config, json.dumps(config_json, indent=2) + "\n")
    return gear
