"""Set a manifest's version and image tag, keeping the file's own formatting where possible."""

from __future__ import annotations

import json
import re
from typing import Any

from manifest_check.agreement import split_image


class ManifestError(ValueError):
    """The manifest cannot be bumped as it is."""


def image_of(manifest: dict[str, Any]) -> str:
    """`custom.gear-builder.image`, or ManifestError."""
    image = manifest.get("custom", {}).get("gear-builder", {}).get("image")
    if not isinstance(image, str):
        raise ManifestError("custom.gear-builder.image is missing")
    return image


def bumped(manifest: dict[str, Any], version: str) -> dict[str, Any]:
    """A copy of the manifest with `version` and the image tag set to `version`."""
    repository, _ = split_image(image_of(manifest))
    new: dict[str, Any] = json.loads(json.dumps(manifest))
    new["version"] = version
    new["custom"]["gear-builder"]["image"] = f"{repository}:{version}"
    return new


def _replace_value(text: str, key: str, old: str, new: str) -> str:
    pattern = re.compile(rf"(\"{re.escape(key)}\"\s*:\s*)\"{re.escape(old)}\"")
    return pattern.sub(lambda m: f'{m.group(1)}"{new}"', text)


def bumped_text(text: str, version: str) -> str:
    """The manifest text with its version and image tag set to `version`.

    Edits only the two values when that gives exactly the bumped manifest; otherwise the
    whole manifest is rewritten (2-space JSON).
    """
    manifest = json.loads(text)
    expected = bumped(manifest, version)
    edited = _replace_value(text, "version", str(manifest["version"]), version)
    edited = _replace_value(edited, "image", image_of(manifest), image_of(expected))
    try:
        if json.loads(edited) == expected:
            return edited
    except json.JSONDecodeError:
        pass
    return json.dumps(expected, indent=2) + "\n"
