"""Which gear this is: the manifest's `name` and `version`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class GearIdentity:
    """A gear's manifest `name` and `version`."""

    name: str
    version: str


def gear_identity(manifest: Mapping[str, Any]) -> GearIdentity:
    """The identity a manifest declares (fields that are not strings read as empty)."""
    name = manifest.get("name")
    version = manifest.get("version")
    return GearIdentity(
        name=name if isinstance(name, str) else "",
        version=version if isinstance(version, str) else "",
    )
