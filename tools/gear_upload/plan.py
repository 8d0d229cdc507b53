"""What an upload will do, worked out before any request: the gear document and the target."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gear_keys import ApiKey
from gear_upload.errors import INVALID, UploadError
from gear_upload.image import LayoutImage
from manifest_rules import ManifestUnreadable, manifest_problems, read_manifest

# flywheel-sdk 23 models/gear_category.py (the stand-in's gear_shelf.py names the same five).
CATEGORIES = ("analysis", "converter", "utility", "classifier", "qa")
# Labels the gear macro (tools/bazel/gear.bzl) puts on every image.
TITLE_LABEL = "org.opencontainers.image.title"
VERSION_LABEL = "org.opencontainers.image.version"


@dataclass(frozen=True)
class UploadPlan:
    """The gear, its image and where it goes."""

    manifest: dict[str, Any]
    image: LayoutImage
    registry: str  # host[:port] of the site's registry

    @property
    def name(self) -> str:
        return str(self.manifest["name"])

    @property
    def version(self) -> str:
        return str(self.manifest["version"])

    @property
    def reference(self) -> str:
        """Where the image is pushed: `<registry>/<name>:<version>`."""
        return f"{self.registry}/{self.name}:{self.version}"

    def gear_document(self) -> dict[str, Any]:
        """The GearDocumentInput for prepare-add."""
        return {
            "category": self.manifest["custom"]["gear-builder"]["category"],
            "gear": self.manifest,
            "exchange": {
                "rootfs-url": f"docker://{self.reference}",
                "rootfs-hash": self.image.config_digest,
            },
        }

    def describe(self) -> list[str]:
        """The plan, one line per step (for --dry-run and the log)."""
        return [
            f"gear {self.name} {self.version} (category {self.gear_document()['category']}),"
            " not on the site yet",
            f"image {self.image.manifest_digest} (config {self.image.config_digest})"
            f" from {self.image.layout}",
            f"would push it to {self.reference}",
            "would register it: POST /api/gears/prepare-add, POST /api/gears/save",
        ]


def checked_manifest(path: Path) -> dict[str, Any]:
    """The manifest, when it is a valid gear manifest with a category; else exit 2."""
    try:
        manifest = read_manifest(path)
    except ManifestUnreadable as error:
        raise UploadError(str(error), INVALID) from None
    problems = manifest_problems(manifest)
    if problems:
        more = f" (and {len(problems) - 1} more; ./dev check-manifest)" if len(problems) > 1 else ""
        raise UploadError(f"{path}: {problems[0]}{more}", INVALID)
    builder = manifest.get("custom", {}).get("gear-builder", {})
    if not isinstance(builder, dict) or builder.get("category") not in CATEGORIES:
        raise UploadError(
            f"{path}: custom.gear-builder.category must be one of {', '.join(CATEGORIES)}",
            INVALID,
        )
    return manifest


def site_registry(key: ApiKey, override: str | None) -> str:
    """The registry: --site-registry, else the key's host (Flywheel's CLI: no port)."""
    if override:
        if "/" in override or any(c.isspace() for c in override):
            raise UploadError(f"--site-registry {override}: give HOST or HOST:PORT", INVALID)
        return override
    return key.text.split(":")[0]


def make_plan(manifest: dict[str, Any], image: LayoutImage, registry: str) -> UploadPlan:
    """The plan, after checking that the image's labels (when it has them) name this gear."""
    for label, wanted in ((TITLE_LABEL, manifest["name"]), (VERSION_LABEL, manifest["version"])):
        found = image.labels.get(label)
        if found is not None and found != wanted:
            raise UploadError(
                f"{image.layout}: the image's {label} is {found!r}, the manifest says {wanted!r}"
                " (is --oci-layout this gear's image at this version?)",
                INVALID,
            )
    return UploadPlan(manifest=manifest, image=image, registry=registry)
