"""The whole manifest check: readable JSON, the gear spec, and agreement with the BUILD file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from manifest_check.agreement import mismatches
from manifest_check.schema import schema_problems


def load_manifest(path: Path) -> tuple[dict[str, Any] | None, str | None]:
    """The manifest as a dict, or None and the reason it could not be read."""
    try:
        loaded = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        return None, f"cannot read the manifest ({error.strerror})"
    except UnicodeDecodeError as error:
        return None, f"not UTF-8 text ({error.reason} at byte {error.start})"
    except json.JSONDecodeError as error:
        return None, f"not valid JSON: {error.msg} at line {error.lineno} column {error.colno}"
    if not isinstance(loaded, dict):
        return None, "not a JSON object"
    return loaded, None


def check_manifest(manifest_path: Path, name: str, repository: str, tags: list[str]) -> list[str]:
    """Every problem with the manifest, one readable line each; empty when all holds."""
    manifest, error = load_manifest(manifest_path)
    if manifest is None:
        return [f"{manifest_path}: {error}"]
    lines = [
        f"{manifest_path}: {field}: {message} (gear manifest spec)"
        for field, message in schema_problems(manifest)
    ]
    lines += [
        f"{manifest_path}: {m.field}: "
        f"manifest has {m.manifest_value!r}, BUILD has {m.build_value!r}"
        for m in mismatches(manifest, name=name, repository=repository, tags=tags)
    ]
    return lines
