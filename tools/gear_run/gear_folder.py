"""A gear folder in the shape Flywheel gives a job (/flywheel/v0 elsewhere), for `./dev run`.

manifest.json (a copy), config.json (mode 0600 from the start: it holds the API key), and each
file input copied to input/<name>/<file name>; output/ and work/ exist and are empty. The
layout is the runtime's own (`gear_spec.GearPaths`); the test fixtures (gear_pytest) write
their folders with `file_input` and `write_config_json` from here too.
"""

from __future__ import annotations

import json
import mimetypes
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from atomic_files import write_text_atomically
from gear_run.errors import RunError
from gear_spec import GearPaths, declared_inputs, file_type_for, input_names
from manifest_rules import read_manifest
from message_quotes import cut_text

CONFIG_JSON_MODE = 0o600
DESTINATION = {"type": "project", "id": "000000000000000000000001"}
HIERARCHY = {"type": "project", "id": "000000000000000000000001"}


def _file_type(path: Path, spec: Mapping[str, Any]) -> str:
    guess = file_type_for(path.suffix)
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


def write_config_json(paths: GearPaths, config_json: Mapping[str, Any] | str) -> None:
    """Write config.json (a JSON object, or raw text as given), mode 0600 from its first byte:
    it holds the API key."""
    text = config_json if isinstance(config_json, str) else json.dumps(config_json, indent=2) + "\n"
    write_text_atomically(paths.config, text, mode=CONFIG_JSON_MODE)


def input_problems(manifest: Mapping[str, Any], inputs: Mapping[str, Path]) -> list[str]:
    """A line for every input the manifest does not declare as a file, or that is missing."""
    file_inputs = input_names(manifest, "file")
    problems = []
    for name, source in inputs.items():
        if name not in file_inputs:
            known = ", ".join(file_inputs)
            problems.append(
                f"--input {cut_text(name, 60)}: the manifest has no such file input ({known})"
            )
        elif not source.is_file():
            problems.append(f"--input {name}={cut_text(str(source), 200)}: no such file")
    return problems


def check_inputs(manifest: Mapping[str, Any], inputs: Mapping[str, Path]) -> None:
    """RunError listing every input the manifest does not declare as a file, or that is missing."""
    problems = input_problems(manifest, inputs)
    if problems:
        raise RunError("\n".join(problems))


def write_gear_folder(
    folder: Path,
    manifest_path: Path,
    config: Mapping[str, Any],
    inputs: Mapping[str, Path],
    api_key: str | None,
) -> GearPaths:
    """Fill `folder` (created if needed) for one run; RunError for an unknown, missing or
    unreadable input."""
    manifest = read_manifest(manifest_path)
    check_inputs(manifest, inputs)
    declared = declared_inputs(manifest)
    paths = GearPaths(folder)
    paths.make_folders()
    shutil.copyfile(manifest_path, paths.manifest)
    config_inputs: dict[str, Any] = {}
    for name, source in inputs.items():
        target = paths.input_file(name, source.name)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            shutil.copyfile(source, target)
        except OSError as error:
            raise RunError(f"--input {name}={source}: cannot copy it ({error.strerror})") from None
        config_inputs[name] = file_input(target, declared[name])
    if api_key is not None:
        for name in input_names(manifest, "api-key"):
            config_inputs[name] = {"base": "api-key", "key": api_key}
    write_config_json(
        paths, {"config": dict(config), "inputs": config_inputs, "destination": DESTINATION}
    )
    return paths
