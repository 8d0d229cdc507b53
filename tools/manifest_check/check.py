"""The whole manifest check: readable JSON, the manifest rules, and agreement with the BUILD file.

The manifest rules are the runtime's own (`manifest_rules`, in common/), so a manifest the
runtime would refuse fails the build too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from manifest_check.agreement import Mismatch, mismatches
from manifest_rules import ManifestUnreadable, manifest_problems, oci_tag_problems, read_manifest
from message_quotes import quoted


def load_manifest(path: Path) -> tuple[dict[str, Any] | None, str | None]:
    """The manifest as a dict, or None and the one line saying why it could not be read."""
    try:
        return read_manifest(path), None
    except ManifestUnreadable as error:
        return None, str(error)


def check_manifest(manifest_path: Path, name: str, repository: str, tags: list[str]) -> list[str]:
    """Every problem with the manifest and the BUILD file's tags, one readable line each."""
    manifest, error = load_manifest(manifest_path)
    if manifest is None:
        return [str(error)]
    lines = [f"{manifest_path}: {problem}" for problem in manifest_problems(manifest)]
    lines += [f"{manifest_path}: BUILD image_tags: {problem}" for problem in oci_tag_problems(tags)]
    lines += [
        f"{manifest_path}: {m.field}: manifest has {quoted(m.manifest_value)}, BUILD has"
        f" {quoted(m.build_value)}; {mismatch_fix(m, name, tags)}"
        for m in mismatches(manifest, name=name, repository=repository, tags=tags)
    ]
    return lines


def mismatch_fix(mismatch: Mismatch, name: str, tags: list[str]) -> str:
    """How to make the manifest and the BUILD file agree on `mismatch.field` again."""
    build_version = tags[0] if tags else None
    if mismatch.field == "version" and build_version is not None:
        return (
            f"versions change only with ./dev bump: set the manifest's version back to"
            f" {build_version!r}, then run ./dev bump {name} {mismatch.manifest_value}"
        )
    if mismatch.field == "version":
        return "give the flywheel_gear call image_tags with the manifest's version first"
    if mismatch.field == "custom.gear-builder.image":
        return f"set it to {mismatch.build_value!r} in the manifest (./dev bump keeps it so)"
    if mismatch.field == "name":
        return f"set the manifest's name to {name!r}, or rename the gear in BUILD"
    return f"set it to {mismatch.build_value!r} in the manifest"
