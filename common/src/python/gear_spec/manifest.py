"""What a manifest declares: config keys, inputs, defaults (sections that are not objects read
as empty; validating the manifest is the runtime's job)."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any


def _section(manifest: Mapping[str, Any], name: str) -> dict[str, dict[str, Any]]:
    value = manifest.get(name)
    return value if isinstance(value, dict) else {}


def declared_config(manifest: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """manifest `config`: key -> directive."""
    return _section(manifest, "config")


def declared_inputs(manifest: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """manifest `inputs`: name -> input declaration."""
    return _section(manifest, "inputs")


def input_names(manifest: Mapping[str, Any], base: str) -> list[str]:
    """Names of the manifest's inputs of `base` (`file`, `api-key`, ...), in manifest order."""
    return [
        name
        for name, spec in declared_inputs(manifest).items()
        if isinstance(spec, Mapping) and spec.get("base") == base
    ]


def missing_defaults(
    declared: Mapping[str, Mapping[str, Any]], config: Mapping[str, Any]
) -> dict[str, Any]:
    """Key -> manifest default, for every declared key with a default that `config` lacks."""
    return {
        key: copy.deepcopy(directive["default"])
        for key, directive in declared.items()
        if isinstance(directive, Mapping) and "default" in directive and key not in config
    }
