"""Find a `$(rlocationpath ...)` path in the runfiles of the running `bazel run` binary."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path


class RunfilesError(Exception):
    """A runfiles path that this binary's runfiles do not have."""


def _manifest_entries(manifest: Path) -> dict[str, str]:
    entries = {}
    for line in manifest.read_text().splitlines():
        key, _, value = line.partition(" ")
        entries[key] = value
    return entries


def _root_from_manifest(manifest: str) -> Path | None:
    for suffix in ("_manifest", "/MANIFEST"):
        if manifest.endswith(".runfiles" + suffix):
            return Path(manifest.removesuffix(suffix))
    return None


def rlocation(path: str, environ: Mapping[str, str]) -> Path:
    """The file or directory a runfiles path names (an absolute path is returned as it is).

    Uses RUNFILES_DIR, or the tree next to RUNFILES_MANIFEST_FILE, or that manifest's entries
    (a directory is found from the entries below it), as rules_python's bootstrap sets them.
    """
    if Path(path).is_absolute():
        return Path(path)
    manifest = environ.get("RUNFILES_MANIFEST_FILE", "")
    roots = [environ.get("RUNFILES_DIR", ""), str(_root_from_manifest(manifest) or "")]
    for root in filter(None, roots):
        if (Path(root) / path).exists():
            return Path(root) / path
    if manifest and Path(manifest).is_file():
        entries = _manifest_entries(Path(manifest))
        if entries.get(path):
            return Path(entries[path])
        for key, value in entries.items():
            if key.startswith(path + "/") and value.endswith(key[len(path) :]):
                return Path(value[: len(value) - len(key) + len(path)])
    raise RunfilesError(f"{path}: not in this binary's runfiles (run it with `bazel run`)")
