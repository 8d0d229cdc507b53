"""Build a record by reading a registry along the discovery walk (nothing written here)."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import TextIO

from bcr_facts.discover import walk
from bcr_facts.module_file import Dep, ModuleFile, ModuleFileError, parse_module_file
from bcr_facts.record import ModuleFacts, Record, VersionFacts
from bcr_facts.registry import Registry, RegistryError


def _metadata(registry: Registry, name: str) -> ModuleFacts:
    path = f"modules/{name}/metadata.json"
    text = registry.read(path)
    if text is None:
        return ModuleFacts(versions=[])
    try:
        meta = json.loads(text)
        versions = [str(v) for v in meta.get("versions", [])]
        yanked = {str(k): str(v) for k, v in (meta.get("yanked_versions") or {}).items()}
    except (json.JSONDecodeError, AttributeError, TypeError) as error:
        raise RegistryError(f"{path}: not a registry metadata.json: {error}") from None
    return ModuleFacts(versions, yanked)


def collect(root: ModuleFile, registry: Registry, log: TextIO | None = None) -> Record:
    """Read every fact resolution needs from `registry`; RegistryError if any read fails."""
    log = log or sys.stderr
    source = registry.source()
    modules: dict[str, ModuleFacts] = {}

    def visit(name: str, version: str, wanted_by: str) -> Sequence[Dep] | None:
        del wanted_by
        if name not in modules:
            modules[name] = _metadata(registry, name)
            if len(modules) % 10 == 0:
                print(f"bcr-refresh: read {len(modules)} modules ...", file=log)
        facts = modules[name]
        if version not in facts.versions:
            return None  # the registry lacks it: a fact the record keeps (its version list)
        path = f"modules/{name}/{version}/MODULE.bazel"
        text = registry.read(path)
        if text is None:
            raise RegistryError(f"the registry lists {name} {version} but has no {path}")
        try:
            module = parse_module_file(text, path)
        except ModuleFileError as error:
            raise RegistryError(str(error)) from None
        deps = tuple(
            Dep(d.name, d.version, d.max_compatibility_level) for d in module.deps if not d.dev
        )
        facts.visited[version] = VersionFacts(
            module.compatibility_level, tuple(module.bazel_compatibility), deps
        )
        return deps

    walk(root, visit)
    return Record(source, modules)
