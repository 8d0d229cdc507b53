"""Bazel's module resolution over the record: discovery, then minimal version selection.

Selection (Bazel's Selection.java, simplified where noted): versions of a module are grouped by
compatibility_level and each group resolves to its highest version; a dep with
max_compatibility_level takes the highest group in its range; a multiple_version_override maps
a dep to the lowest allowed version at or above it. What is reachable from the root afterwards
must hold one version per module (or the override's), else that is a compatibility-level
clash. The selected versions must not be yanked and must admit the pinned Bazel.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from bcr_facts.discover import ROOT, Edge, from_registry, walk
from bcr_facts.module_file import Dep, ModuleFile
from bcr_facts.record import Record, VersionFacts
from bcr_facts.version import Version, VersionError, bazel_allows, newest

REFRESH_HINT = "run ./dev bcr-refresh"


@dataclass
class Resolution:
    """The resolved graph (module -> selected version(s)) and the problems, one line each."""

    selected: dict[str, list[str]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """`module@version`, one per selected version, sorted."""
        return [f"{name}@{v}" for name in sorted(self.selected) for v in self.selected[name]]


def _sort_key(version: str) -> tuple[int, Version | str]:
    try:
        return (1, Version.parse(version))
    except VersionError:
        return (0, version)


class _Resolver:
    def __init__(self, root: ModuleFile, record: Record, bazel_version: str) -> None:
        self.root, self.record, self.bazel_version = root, record, bazel_version
        self.where = record.source.short()
        self.problems: list[str] = []
        self.facts: dict[tuple[str, str], VersionFacts] = {}

    def problem(self, text: str) -> None:
        if text not in self.problems:
            self.problems.append(text)

    # --- discovery -----------------------------------------------------------------------
    def visit(self, name: str, version: str, wanted_by: str) -> Sequence[Dep] | None:
        module = self.record.modules.get(name)
        who = f"{name}@{version} (wanted by {wanted_by})"
        if module is None:
            self.problem(f"{who}: {name} is not in the registry record; {REFRESH_HINT}")
            return None
        if not module.in_registry:
            self.problem(f"{who}: the registry has no module {name} ({self.where})")
            return None
        if version not in module.versions:
            self.problem(
                f"{who}: the registry has no version {version} of {name}; its newest is "
                f"{newest(module.versions)} ({self.where})"
            )
            return None
        facts = module.visited.get(version)
        if facts is None:
            self.problem(f"{who}: the record lacks this version's MODULE.bazel; {REFRESH_HINT}")
            return None
        self.facts[(name, version)] = facts
        return facts.deps

    # --- selection -----------------------------------------------------------------------
    def level(self, name: str, version: str) -> int:
        facts = self.facts.get((name, version))
        return facts.compatibility_level if facts else 0

    def groups(self) -> dict[str, dict[int, str]]:
        """module -> compatibility_level -> highest version discovered at that level."""
        best: dict[str, dict[int, str]] = defaultdict(dict)
        for (name, version), facts in self.facts.items():
            current = best[name].get(facts.compatibility_level)
            if current is None or _sort_key(version) > _sort_key(current):
                best[name][facts.compatibility_level] = version
        return best

    def target(self, dep: Dep, groups: dict[str, dict[int, str]]) -> str | None:
        """The version a dep resolves to, or None when it was not discovered."""
        if (dep.name, dep.version) not in self.facts:
            return None
        override = self.root.overrides.get(dep.name)
        if override is not None and override.kind == "multiple_version":
            allowed = sorted(
                (v for v in override.versions if (dep.name, v) in self.facts), key=_sort_key
            )
            level = self.level(dep.name, dep.version)
            for version in allowed:
                fits = _sort_key(version) >= _sort_key(dep.version)
                if fits and self.level(dep.name, version) == level:
                    return version
            self.problem(
                f"{dep.name}@{dep.version}: multiple_version_override allows "
                f"{list(override.versions)}, none at or above it with its compatibility_level"
            )
            return dep.version
        level = self.level(dep.name, dep.version)
        top = max(level, dep.max_compatibility_level)
        levels = [lv for lv in groups[dep.name] if level <= lv <= top]
        return groups[dep.name][max(levels)]

    def select(self, edges: list[Edge]) -> dict[str, dict[str, list[str]]]:
        """module -> selected version -> who reaches it, walking from the root."""
        groups = self.groups()
        reached: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        children: dict[str, list[Edge]] = defaultdict(list)
        for edge in edges:
            children[edge.wanted_by].append(edge)
        todo, done = [ROOT], set()
        while todo:
            node = todo.pop()
            if node in done:
                continue
            done.add(node)
            for edge in children.get(node, []):
                dep = edge.dep
                if dep.name == self.root.name or not from_registry(self.root, dep.name):
                    continue
                version = self.target(dep, groups)
                if version is None:
                    continue
                wanted = f"{edge.wanted_by} wants {dep.name}@{dep.version}"
                reached[dep.name][version].append(wanted)
                # Edges were recorded from the dep's own version; walk the selected one's.
                todo.append(f"{dep.name}@{version}")
        return reached

    # --- checks --------------------------------------------------------------------------
    def check(self, reached: dict[str, dict[str, list[str]]]) -> None:
        for name in sorted(reached):
            versions = reached[name]
            override = self.root.overrides.get(name)
            multiple = override is not None and override.kind == "multiple_version"
            if len(versions) > 1 and not multiple:
                parts = [
                    f"{wants[0]} (compatibility_level {self.level(name, v)})"
                    for v, wants in sorted(versions.items(), key=lambda kv: _sort_key(kv[0]))
                ]
                self.problem(f"{name}: compatibility-level clash: {'; '.join(parts)}")
            for version in sorted(versions, key=_sort_key):
                self.check_version(name, version)

    def check_version(self, name: str, version: str) -> None:
        module = self.record.modules[name]
        reason = module.yanked.get(version)
        if reason is not None:
            self.problem(
                f"{name}@{version}: yanked in the registry: {reason} ({self.where}); "
                f"pin a version that is not yanked"
            )
        facts = self.facts[(name, version)]
        try:
            allowed = bazel_allows(list(facts.bazel_compatibility), self.bazel_version)
        except VersionError as error:
            self.problem(f"{name}@{version}: {error}")
            return
        if not allowed:
            self.problem(
                f"{name}@{version}: bazel_compatibility {list(facts.bazel_compatibility)} "
                f"excludes Bazel {self.bazel_version} (.bazelversion)"
            )

    def check_direct(self, reached: dict[str, dict[str, list[str]]]) -> None:
        """A root pin that resolution raises: Bazel warns, and our rule tables would be stale."""
        for dep in self.root.deps:
            if dep.name not in reached or dep.name in self.root.overrides:
                continue
            versions = reached[dep.name]
            if dep.version not in versions and len(versions) == 1:
                ((selected, wants),) = versions.items()
                others = [w for w in wants if not w.startswith(ROOT)]
                self.problem(
                    f"{dep.name}: MODULE.bazel pins {dep.version} but resolution selects "
                    f"{selected} ({others[0] if others else wants[0]}); pin {selected}"
                )


def resolve(root: ModuleFile, record: Record, bazel_version: str) -> Resolution:
    """Resolve the root module's graph against the record, as Bazel would."""
    resolver = _Resolver(root, record, bazel_version)
    edges = walk(root, resolver.visit)
    reached = resolver.select(edges)
    resolver.check(reached)
    resolver.check_direct(reached)
    selected = {name: sorted(versions, key=_sort_key) for name, versions in sorted(reached.items())}
    return Resolution(selected, resolver.problems)
