"""The repository side: its MODULE.bazel, .bazelversion and record, resolved or refreshed."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from bcr_facts.collect import collect
from bcr_facts.module_file import ModuleFile, ModuleFileError, parse_module_file
from bcr_facts.record import DEFAULT_PATH, RecordError, load, save
from bcr_facts.registry import DEFAULT_REGISTRY, RegistryError, open_registry
from bcr_facts.resolve import Resolution, resolve


class RepoError(ValueError):
    """The repository's MODULE.bazel or .bazelversion cannot be read."""


def root_module(root: Path) -> ModuleFile:
    """The repository's own MODULE.bazel, parsed."""
    path = root / "MODULE.bazel"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise RepoError(f"{path}: cannot read: {error.strerror or error}") from None
    try:
        return parse_module_file(text, "MODULE.bazel")
    except ModuleFileError as error:
        raise RepoError(str(error)) from None


def bazel_version(root: Path) -> str:
    """The Bazel release .bazelversion pins."""
    path = root / ".bazelversion"
    try:
        return path.read_text(encoding="utf-8").strip()
    except OSError:
        raise RepoError(".bazelversion: missing; pin the Bazel release bazelisk runs") from None


def check_repository(root: Path, record_path: Path | None = None) -> Resolution:
    """Resolve the repository's module graph against its checked-in record."""
    try:
        module = root_module(root)
        version = bazel_version(root)
        record = load(record_path or root / DEFAULT_PATH)
    except (RepoError, RecordError) as error:
        return Resolution(problems=[str(error)])
    return resolve(module, record, version)


def refresh(
    root: Path,
    registry: str = DEFAULT_REGISTRY,
    *,
    commit: str = "HEAD",
    record_path: Path | None = None,
    log: TextIO | None = None,
    registry_name: str = "",
) -> int:
    """Re-read the registry facts and rewrite the record; on any failure leave it untouched."""
    log = log or sys.stderr
    path = record_path or root / DEFAULT_PATH
    try:
        module = root_module(root)
        source = open_registry(registry, commit)
        record = collect(module, source, log)
        if registry_name:
            record = replace(record, source=replace(record.source, registry=registry_name))
    except (RepoError, RegistryError) as error:
        print(f"bcr-refresh: {error}; the record was left as it was", file=log)
        return 1
    save(record, path)
    versions = sum(len(m.visited) for m in record.modules.values())
    print(
        f"bcr-refresh: wrote {path} ({len(record.modules)} modules, {versions} versions, "
        f"{record.source.short()})",
        file=log,
    )
    return 0
