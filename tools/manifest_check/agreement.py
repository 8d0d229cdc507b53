"""Agreement between a manifest and the image values its BUILD file declares."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

GEAR_COMMAND = "/bin/run"
# As tools/bazel/gear.bzl's _DOCKER_HUB_HOSTS (tests/test_gear_macro_agreement.py compares).
DOCKER_HUB_PREFIXES = ("index.docker.io/", "registry-1.docker.io/", "docker.io/")


@dataclass(frozen=True)
class Mismatch:
    """One field where the manifest and the BUILD file disagree."""

    field: str
    manifest_value: object
    build_value: object


def short_repository(repository: str) -> str:
    """The repository as `docker pull` names it: Docker Hub's host dropped, other hosts kept."""
    for prefix in DOCKER_HUB_PREFIXES:
        if repository.startswith(prefix):
            return repository[len(prefix) :]
    return repository


def split_image(image: str) -> tuple[str, str | None]:
    """`host:5000/org/x:1.0` -> (`host:5000/org/x`, `1.0`); a port is not a tag."""
    slash = image.rfind("/")
    colon = image.rfind(":")
    if colon > slash:
        return image[:colon], image[colon + 1 :]
    return image, None


def _get(manifest: dict[str, Any], *path: str) -> object:
    node: object = manifest
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node


def mismatches(
    manifest: dict[str, Any], *, name: str, repository: str, tags: list[str]
) -> list[Mismatch]:
    """Every disagreement between the manifest and the BUILD values (empty when they agree)."""
    found: list[Mismatch] = []
    version = manifest.get("version")
    if manifest.get("name") != name:
        found.append(Mismatch("name", manifest.get("name"), name))
    if not tags:
        found.append(Mismatch("version", version, "no image tags"))
    elif version != tags[0]:
        found.append(Mismatch("version", version, f"first image tag {tags[0]!r} of {tags}"))
    expected_image = f"{short_repository(repository)}:{tags[0] if tags else version}"
    image = _get(manifest, "custom", "gear-builder", "image")
    if image != expected_image:
        found.append(Mismatch("custom.gear-builder.image", image, expected_image))
    if manifest.get("command") != GEAR_COMMAND:
        found.append(Mismatch("command", manifest.get("command"), GEAR_COMMAND))
    return found
