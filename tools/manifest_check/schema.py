"""Validation of a manifest against the official gear manifest JSON Schema (from fw-gear)."""

from __future__ import annotations

from typing import Any

import jsonschema
from fw_gear.invocation_schema import get_master_schema


def _field_path(error: jsonschema.ValidationError) -> str:
    parts = [str(p) for p in error.absolute_path]
    return ".".join(parts) if parts else "(top level)"


def schema_problems(manifest: dict[str, Any]) -> list[tuple[str, str]]:
    """Every (field, message) where the manifest breaks the gear spec; empty when it conforms."""
    validator = jsonschema.Draft4Validator(get_master_schema())
    errors = sorted(validator.iter_errors(manifest), key=lambda e: list(map(str, e.path)))
    problems = [(_field_path(e), e.message) for e in errors]
    problems += default_problems(manifest)
    return problems


def default_problems(manifest: dict[str, Any]) -> list[tuple[str, str]]:
    """Config defaults that break their own directive (a default outside its enum, ...)."""
    problems: list[tuple[str, str]] = []
    config = manifest.get("config")
    if not isinstance(config, dict):
        return problems
    for key, directive in config.items():
        if not isinstance(directive, dict) or "default" not in directive:
            continue
        rules = {k: v for k, v in directive.items() if k not in ("default", "description")}
        try:
            jsonschema.Draft4Validator.check_schema(rules)
        except jsonschema.SchemaError:
            continue  # already reported by the schema check
        for error in jsonschema.Draft4Validator(rules).iter_errors(directive["default"]):
            problems.append((f"config.{key}.default", error.message))
    return problems
