"""The image to upload, read from its OCI layout: manifest digest, config digest, labels."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gear_upload.errors import INVALID, UploadError
from safe_push.oci_layout import LayoutError, local_digest


@dataclass(frozen=True)
class LayoutImage:
    """The first image of an OCI layout (the one rules_oci's push and skopeo push)."""

    layout: Path
    manifest_digest: str
    config_digest: str  # Flywheel's `rootfs-hash`: the image id, as `docker images` shows it
    labels: dict[str, str] = field(default_factory=dict)


def _blob(layout: Path, digest: str) -> dict[str, Any]:
    algorithm, _, hexdigest = digest.partition(":")
    path = layout / "blobs" / algorithm / hexdigest
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise UploadError(f"{layout}: blob {digest} is missing or not JSON", INVALID) from None
    if not isinstance(data, dict):
        raise UploadError(f"{layout}: blob {digest} is not a JSON object", INVALID)
    return data


def read_layout(layout: Path) -> LayoutImage:
    """The image in `layout`; UploadError (exit 2) when it is not a readable OCI image layout."""
    try:
        manifest_digest = local_digest(layout)
    except LayoutError as error:
        raise UploadError(f"--oci-layout: {error}", INVALID) from None
    manifest = _blob(layout, manifest_digest)
    config = manifest.get("config")
    digest = config.get("digest") if isinstance(config, dict) else None
    if not isinstance(digest, str) or not digest.startswith("sha256:"):
        raise UploadError(f"{layout}: image manifest {manifest_digest} has no config", INVALID)
    labels = _blob(layout, digest).get("config", {}) or {}
    found = labels.get("Labels") if isinstance(labels, dict) else None
    return LayoutImage(
        layout=layout,
        manifest_digest=manifest_digest,
        config_digest=digest,
        labels={str(k): str(v) for k, v in (found or {}).items()},
    )
