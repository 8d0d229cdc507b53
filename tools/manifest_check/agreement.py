"""Agreement between a manifest and the image values its BUILD file declares."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from manifest_rules import split_image
from message_quotes import quoted

__all__ = [
    "DOCKER_HUB_PREFIXES",
    "GEAR_COMMAND",
    "Mismatch",
    "mismatches",
    "short_repository",
    "split_image",
]

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
        found.append(
            Mismatch("version", version, f"first image tag {quoted(tags[0])} of {quoted(tags)}")
        )
    expected_image = f"{short_repository(repository)}:{tags[0] if tags else version}"
    image = _get(manifest, "custom", "gear-builder", "image")
    if image != expected_image:
        found.append(Mismatch("custom.gear-builder.image", image, expected_image))
    if manifest.get("command") != GEAR_COMMAND:
        found.append(Mismatch("command", manifest.get("command"), GEAR_COMMAND))
    return found
