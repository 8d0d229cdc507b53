"""Read a gear's manifest.json and config.json from its folder ($FLYWHEEL)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gear_runner.errors import InvocationError
from gear_spec import GearPaths, declared_config, declared_inputs


@dataclass
class Invocation:
    """The manifest and config.json of one run, as plain JSON data."""

    paths: GearPaths
    manifest: dict[str, Any]
    config_json: dict[str, Any]

    @property
    def config(self) -> dict[str, Any]:
        """config.json `config`: the config values."""
        value = self.config_json.get("config")
        return value if isinstance(value, dict) else {}

    @property
    def inputs(self) -> dict[str, Any]:
        """config.json `inputs`: input name -> input object."""
        value = self.config_json.get("inputs")
        return value if isinstance(value, dict) else {}

    @property
    def destination(self) -> dict[str, Any]:
        """config.json `destination`: `{"type", "id"}` of the container the job runs on."""
        value = self.config_json.get("destination")
        return value if isinstance(value, dict) else {}

    @property
    def declared_config(self) -> dict[str, dict[str, Any]]:
        """manifest `config`: key -> directive."""
        return declared_config(self.manifest)

    @property
    def declared_inputs(self) -> dict[str, dict[str, Any]]:
        """manifest `inputs`: name -> input declaration."""
        return declared_inputs(self.manifest)


def read_json_object(path: Path, label: str, fix: str) -> dict[str, Any]:
    """The JSON object in `path`; InvocationError naming the file for anything else.

    Messages never quote the file's text (config.json holds the API key).
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InvocationError(f"{label}: not found at {path}; {fix}") from None
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
        raise InvocationError(f"{label}: cannot read {path} ({reason}); {fix}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvocationError(
            f"{label}: not valid JSON ({error.msg} at line {error.lineno} column"
            f" {error.colno} of {path}); {fix}"
        ) from None
    if not isinstance(data, dict):
        raise InvocationError(f"{label}: {path} must hold a JSON object; {fix}")
    return data


def read_invocation(gear_dir: Path) -> Invocation:
    """Read manifest.json and config.json from `gear_dir`; both must exist and be JSON objects."""
    paths = GearPaths(gear_dir)
    manifest = read_json_object(
        paths.manifest, "manifest.json", "the gear image must contain its manifest"
    )
    config_json = read_json_object(
        paths.config,
        "config.json",
        'the job must provide {"config": {...}, "inputs": {...}, "destination": {...}}',
    )
    return Invocation(paths=paths, manifest=manifest, config_json=config_json)
