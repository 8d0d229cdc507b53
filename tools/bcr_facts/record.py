"""The checked-in record of registry facts: what module resolution reads from the BCR.

For each module that resolution visits from MODULE.bazel: the versions the registry lists, the
yanked ones with the registry's reason, and for every visited version its compatibility_level,
bazel_compatibility and bazel_deps (dev_dependency deps of non-root modules are left out, as
Bazel ignores them). `source` says which registry, commit and date the facts were read from.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bcr_facts.module_file import Dep

FORMAT = 1
DEFAULT_PATH = "tools/bcr_facts/bcr_record.json"  # relative to the repository root
CHECKED_IN = Path(__file__).with_name("bcr_record.json")  # this repository's record


class RecordError(ValueError):
    """A record file that is missing or not in the expected format."""


@dataclass(frozen=True)
class VersionFacts:
    """One module version's MODULE.bazel, as far as resolution reads it."""

    compatibility_level: int
    bazel_compatibility: tuple[str, ...]
    deps: tuple[Dep, ...]


@dataclass
class ModuleFacts:
    """One module in the registry: its listed and yanked versions, and the visited ones."""

    versions: list[str]
    yanked: dict[str, str] = field(default_factory=dict)
    visited: dict[str, VersionFacts] = field(default_factory=dict)

    @property
    def in_registry(self) -> bool:
        """False when the registry has no metadata.json for the module."""
        return bool(self.versions)


@dataclass(frozen=True)
class Source:
    """Where the facts were read: the registry, and its commit and date when known."""

    registry: str
    commit: str = ""
    date: str = ""

    def short(self) -> str:
        """E.g. `BCR 51181a8, 2026-08-22` or the registry address."""
        if self.commit:
            return f"registry commit {self.commit[:7]}, {self.date[:10]}"
        return f"{self.registry}, read {self.date[:10]}" if self.date else self.registry


@dataclass
class Record:
    """The whole record."""

    source: Source
    modules: dict[str, ModuleFacts]


def _dep_json(dep: Dep) -> dict[str, Any]:
    out: dict[str, Any] = {"name": dep.name, "version": dep.version}
    if dep.max_compatibility_level != -1:
        out["max_compatibility_level"] = dep.max_compatibility_level
    return out


def to_json(record: Record) -> dict[str, Any]:
    """The record as JSON data, keys sorted so a refresh shows a readable diff."""
    modules: dict[str, Any] = {}
    for name in sorted(record.modules):
        facts = record.modules[name]
        modules[name] = {
            "versions": facts.versions,
            "yanked_versions": dict(sorted(facts.yanked.items())),
            "visited": {
                version: {
                    "compatibility_level": v.compatibility_level,
                    "bazel_compatibility": list(v.bazel_compatibility),
                    "bazel_deps": [_dep_json(d) for d in v.deps],
                }
                for version, v in sorted(facts.visited.items())
            },
        }
    source = record.source
    return {
        "format": FORMAT,
        "source": {"registry": source.registry, "commit": source.commit, "date": source.date},
        "modules": modules,
    }


def _facts(data: Mapping[str, Any]) -> ModuleFacts:
    visited = {
        version: VersionFacts(
            compatibility_level=int(v["compatibility_level"]),
            bazel_compatibility=tuple(v["bazel_compatibility"]),
            deps=tuple(
                Dep(d["name"], d["version"], int(d.get("max_compatibility_level", -1)))
                for d in v["bazel_deps"]
            ),
        )
        for version, v in data["visited"].items()
    }
    return ModuleFacts(list(data["versions"]), dict(data["yanked_versions"]), visited)


def from_json(data: Mapping[str, Any]) -> Record:
    """Parse record data; raise RecordError when it is not a record of this format."""
    try:
        if data.get("format") != FORMAT:
            raise RecordError(f"format {data.get('format')!r}, expected {FORMAT}")
        src = data["source"]
        source = Source(str(src["registry"]), str(src.get("commit", "")), str(src.get("date", "")))
        modules = {name: _facts(m) for name, m in data["modules"].items()}
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise RecordError(f"not a registry record: {error}") from None
    return Record(source, modules)


def load(path: Path) -> Record:
    """Read a record file; RecordError (one line) when missing or malformed."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RecordError(
            f"{path}: no registry record (write one with ./dev bcr-refresh)"
        ) from None
    except (OSError, json.JSONDecodeError) as error:
        raise RecordError(f"{path}: cannot read: {error}") from None
    try:
        return from_json(data)
    except RecordError as error:
        raise RecordError(f"{path}: {error}") from None


def save(record: Record, path: Path) -> None:
    """Write the record atomically (a temporary file renamed over `path`)."""
    text = json.dumps(to_json(record), indent=1, ensure_ascii=False) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        Path(tmp).chmod(0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
