"""The digest `oci_push` pushes: the first manifest of the image's OCI layout index."""

from __future__ import annotations

import json
from pathlib import Path


class LayoutError(Exception):
    """The OCI layout has no readable index.json with a manifest digest."""


def local_digest(image_dir: Path) -> str:
    """`.manifests[0].digest` of `<image_dir>/index.json`, as rules_oci's push script reads it."""
    index_path = image_dir / "index.json"
    try:
        index = json.loads(index_path.read_text())
    except FileNotFoundError:
        raise LayoutError(f"{index_path}: missing; is --image an OCI layout directory?") from None
    except json.JSONDecodeError as error:
        raise LayoutError(f"{index_path}: not JSON ({error.msg}, line {error.lineno})") from None
    manifests = index.get("manifests") if isinstance(index, dict) else None
    if not isinstance(manifests, list) or not manifests or not isinstance(manifests[0], dict):
        raise LayoutError(f"{index_path}: no manifests listed")
    digest = manifests[0].get("digest")
    if not isinstance(digest, str) or ":" not in digest:
        raise LayoutError(f"{index_path}: manifests[0] has no digest")
    return digest
