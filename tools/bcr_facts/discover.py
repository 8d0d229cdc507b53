"""Bazel's discovery walk: from the root's bazel_deps through each visited version's deps.

The root's dev_dependency deps count; root overrides apply (a `single_version_override`
version replaces every dep's version; archive, git and local_path overrides take the module
out of the registry, so its deps are not walked). Non-root overrides are ignored, as in Bazel.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bcr_facts.module_file import Dep, ModuleFile

ROOT = "<root>"
# visit(name, version, wanted_by) -> that version's deps, or None when it cannot be visited.
Visit = Callable[[str, str, str], Sequence[Dep] | None]


@dataclass(frozen=True)
class Edge:
    """A dependency edge after root overrides: who wants which module at which version."""

    wanted_by: str  # "name@version" or ROOT
    dep: Dep


def effective(root: ModuleFile, dep: Dep) -> Dep:
    """The dep with the root's single_version_override version applied."""
    override = root.overrides.get(dep.name)
    if override is not None and override.kind == "single_version" and override.version:
        return Dep(dep.name, override.version, dep.max_compatibility_level, dep.dev)
    return dep


def from_registry(root: ModuleFile, name: str) -> bool:
    """Whether resolution takes `name` from the registry (no archive/git/path override)."""
    override = root.overrides.get(name)
    return override is None or override.from_registry


def walk(root: ModuleFile, visit: Visit) -> list[Edge]:
    """Visit every (module, version) reachable from the root once; return every edge seen."""
    edges: list[Edge] = []
    seen: set[tuple[str, str]] = set()
    queue: deque[Edge] = deque(Edge(ROOT, effective(root, d)) for d in root.deps)
    while queue:
        edge = queue.popleft()
        edges.append(edge)
        dep = edge.dep
        if dep.name == root.name or not from_registry(root, dep.name):
            continue
        key = (dep.name, dep.version)
        if key in seen:
            continue
        seen.add(key)
        deps = visit(dep.name, dep.version, edge.wanted_by)
        for child in deps or ():
            queue.append(Edge(f"{dep.name}@{dep.version}", effective(root, child)))
    return edges
