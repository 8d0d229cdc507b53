"""Bazel's selection over a discovered graph (after Selection.java, Bazel 8).

Module versions fall into selection groups: (name, compatibility_level), split further by the
allowed version a multiple_version_override snaps them up to. Each group selects its highest
version. A dep may resolve to any group of its module between its own level and its
max_compatibility_level (lowest level first); every combination of such choices is tried in
order and the first one whose graph, walked from the root, holds one version per module (or
only allowed versions, under a multiple_version_override) wins. If none does, the first
failure is the answer.
"""

from __future__ import annotations

import itertools
from collections import defaultdict, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from bcr_facts.module_file import Dep
from bcr_facts.version import Version

Key = tuple[str, str]  # (module, version)
ROOT_KEY: Key = ("<root>", "")
_MAX_STRATEGIES = 10_000


def key_text(key: Key) -> str:
    """`name@version`, or `<root>`."""
    return key[0] if key == ROOT_KEY else f"{key[0]}@{key[1]}"


@dataclass(frozen=True)
class Graph:
    """The discovered graph: each visited module version's level and deps (root included)."""

    levels: dict[Key, int]
    deps: dict[Key, tuple[Dep, ...]]  # only deps whose version was discovered
    multiple: dict[str, tuple[str, ...]] = field(default_factory=dict)  # the root's overrides


@dataclass
class Selection:
    """What the root reaches: module version -> the (dependent, dep as written) that reach it."""

    reached: dict[Key, list[tuple[Key, Dep]]]
    failure: str | None = None


@dataclass(frozen=True)
class _Group:
    name: str
    level: int
    target: Version  # the allowed version it snaps to; the empty version when unrestricted


def _spec(dep: Dep) -> tuple[str, str, int]:
    return (dep.name, dep.version, dep.max_compatibility_level)


class _Selector:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.errors: list[str] = []
        self.allowed = self._allowed_sets()
        self.groups = {key: self._group(key) for key in graph.levels}
        self.selected: dict[_Group, Version] = {}
        for key, group in self.groups.items():
            version = Version.parse(key[1])
            if group not in self.selected or version > self.selected[group]:
                self.selected[group] = version

    def _allowed_sets(self) -> dict[tuple[str, int], list[Version]]:
        sets: dict[tuple[str, int], set[Version]] = defaultdict(set)
        for name, versions in self.graph.multiple.items():
            for version in versions:
                level = self.graph.levels.get((name, version))
                if level is None:
                    self.errors.append(
                        f"multiple_version_override for module {name} contains version "
                        f"{version}, but it is not in the dependency graph"
                    )
                    continue
                sets[(name, level)].update({Version.parse(version), Version.parse("")})
        return {k: sorted(v) for k, v in sets.items()}

    def _group(self, key: Key) -> _Group:
        level = self.graph.levels[key]
        allowed = self.allowed.get((key[0], level))
        if allowed is None:
            return _Group(key[0], level, Version.parse(""))
        version = Version.parse(key[1])
        return _Group(key[0], level, next(v for v in allowed if v >= version))

    def options(self, dep: Dep) -> list[str]:
        """The versions a dep may resolve to, lowest compatibility level first."""
        low = self.graph.levels[(dep.name, dep.version)]
        high = low if dep.max_compatibility_level < 0 else dep.max_compatibility_level
        wanted = Version.parse(dep.version)
        by_level: dict[int, Version] = {}
        for group, version in self.selected.items():
            fits = group.name == dep.name and low <= group.level <= high
            if fits and group.target >= wanted:
                current = by_level.get(group.level)
                by_level[group.level] = version if current is None else min(current, version)
        return [by_level[level].text for level in sorted(by_level)]

    def walk(self, resolve: Callable[[Dep], Key]) -> Selection:
        reached: dict[Key, list[tuple[Key, Dep]]] = defaultdict(list)
        by_name: dict[str, tuple[Key, Key]] = {}  # name -> (its key, first dependent)
        queue: deque[tuple[Key, Key | None]] = deque([(ROOT_KEY, None)])
        known = {ROOT_KEY}
        while queue:
            key, parent = queue.popleft()
            if parent is not None:
                failure = self._visit(key, parent, by_name)
                if failure:
                    return Selection(dict(reached), failure)
            for dep in self.graph.deps.get(key, ()):
                target = resolve(dep)
                reached[target].append((key, dep))
                if target not in known:
                    known.add(target)
                    queue.append((target, key))
        return Selection(dict(reached))

    def _visit(self, key: Key, parent: Key, by_name: dict[str, tuple[Key, Key]]) -> str | None:
        name = key[0]
        if name in self.graph.multiple:
            if self.groups[key].target.text == "":
                allows = ", ".join(self.graph.multiple[name])
                return (
                    f"{key_text(parent)} depends on {key_text(key)}, which the root's "
                    f"multiple_version_override on {name} does not allow (it allows {allows})"
                )
            return None
        earlier = by_name.setdefault(name, (key, parent))
        if earlier[0] != key:
            level, other = self.graph.levels[key], self.graph.levels[earlier[0]]
            return (
                f"{name}: compatibility-level clash: {key_text(parent)} depends on "
                f"{key_text(key)} (compatibility_level {level}), but {key_text(earlier[1])} "
                f"depends on {key_text(earlier[0])} (compatibility_level {other})"
            )
        return None


def select(graph: Graph) -> tuple[Selection, list[str]]:
    """Run selection; the selection found (or the first failure) and override errors."""
    selector = _Selector(graph)
    specs: dict[tuple[str, str, int], Dep] = {}
    for deps in graph.deps.values():
        for dep in deps:
            specs.setdefault(_spec(dep), dep)
    order = list(specs)
    choices = [selector.options(specs[s]) for s in order]
    for spec, options in zip(order, choices, strict=True):
        if not options:
            selector.errors.append(f"{spec[0]}@{spec[1]}: no selection group can serve it")
            return Selection({}), selector.errors
    position = {s: i for i, s in enumerate(order)}
    first: Selection | None = None
    strategies: Iterable[tuple[str, ...]] = itertools.islice(
        itertools.product(*choices), _MAX_STRATEGIES
    )
    for strategy in strategies:
        chosen = strategy

        def resolve(dep: Dep, chosen: tuple[str, ...] = chosen) -> Key:
            return (dep.name, chosen[position[_spec(dep)]])

        result = selector.walk(resolve)
        if result.failure is None:
            return result, selector.errors
        first = first or result
    return first or Selection({}), selector.errors
