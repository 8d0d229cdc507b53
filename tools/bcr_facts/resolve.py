"""Bazel's module resolution over the record: discovery, selection, then the registry checks.

Discovery (discover.py) reads each visited version's facts from the record, reporting what
the registry lacks; selection (select.py) is Bazel's; the selected versions must not be yanked
and must admit the pinned Bazel; and a root pin that selection raises is reported, as Bazel
warns about it and the rule tables (tools/buildcheck) would describe the wrong version.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from bcr_facts.discover import from_registry, walk
from bcr_facts.module_file import Dep, ModuleFile
from bcr_facts.record import Record, VersionFacts
from bcr_facts.select import ROOT_KEY, Graph, Key, Selection, key_text, select
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


class _Resolver:
    def __init__(self, root: ModuleFile, record: Record, bazel_version: str) -> None:
        self.root, self.record, self.bazel_version = root, record, bazel_version
        self.where = record.source.short()
        self.problems: list[str] = []
        self.facts: dict[Key, VersionFacts] = {}

    def problem(self, text: str) -> None:
        if text not in self.problems:
            self.problems.append(text)

    def visit(self, name: str, version: str, wanted_by: str) -> Sequence[Dep] | None:
        """Discovery's look-up: the version's deps from the record, or a problem."""
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
        try:
            Version.parse(version)
        except VersionError as error:
            self.problem(f"{who}: {error}")
            return None
        self.facts[(name, version)] = facts
        return facts.deps

    def graph(self) -> Graph:
        """The discovered graph, with deps that did not resolve left out (reported already)."""
        edges = walk(self.root, self.visit)
        deps: dict[Key, list[Dep]] = {}
        for edge in edges:
            dep = edge.dep
            if dep.name == self.root.name or not from_registry(self.root, dep.name):
                continue
            if (dep.name, dep.version) not in self.facts:
                continue
            parent = ROOT_KEY if edge.wanted_by == "<root>" else _key(edge.wanted_by)
            deps.setdefault(parent, []).append(dep)
        multiple = {
            name: o.versions
            for name, o in self.root.overrides.items()
            if o.kind == "multiple_version"
        }
        levels = {key: f.compatibility_level for key, f in self.facts.items()}
        return Graph(levels, {k: tuple(v) for k, v in deps.items()}, multiple)

    def check_version(self, key: Key) -> None:
        name, version = key
        reason = self.record.modules[name].yanked.get(version)
        if reason is not None:
            self.problem(
                f"{name}@{version}: yanked in the registry: {reason} ({self.where}); "
                f"pin a version that is not yanked"
            )
        compat = list(self.facts[key].bazel_compatibility)
        try:
            allowed = bazel_allows(compat, self.bazel_version)
        except VersionError as error:
            self.problem(f"{name}@{version}: {error}")
            return
        if not allowed:
            self.problem(
                f"{name}@{version}: bazel_compatibility {compat} excludes Bazel "
                f"{self.bazel_version} (.bazelversion)"
            )

    def check_direct(self, selection: Selection) -> None:
        """A root pin that selection raises: Bazel warns, and rule tables would be stale."""
        versions: dict[str, list[Key]] = {}
        for key in selection.reached:
            versions.setdefault(key[0], []).append(key)
        for dep in self.root.deps:
            keys = versions.get(dep.name, [])
            if dep.name in self.root.overrides or len(keys) != 1 or keys[0][1] == dep.version:
                continue
            (key,) = keys
            others = [(p, d) for p, d in selection.reached[key] if p != ROOT_KEY]
            by = f" ({key_text(others[0][0])} wants {dep.name}@{others[0][1].version})"
            self.problem(
                f"{dep.name}: MODULE.bazel pins {dep.version} but resolution selects "
                f"{key[1]}{by if others else ''}; pin {key[1]}"
            )


def _key(text: str) -> Key:
    name, _, version = text.partition("@")
    return (name, version)


def resolve(root: ModuleFile, record: Record, bazel_version: str) -> Resolution:
    """Resolve the root module's graph against the record, as Bazel would."""
    resolver = _Resolver(root, record, bazel_version)
    selection, errors = select(resolver.graph())
    for error in errors:
        resolver.problem(error)
    if selection.failure:
        resolver.problem(selection.failure)
    for key in sorted(selection.reached, key=lambda k: (k[0], Version.parse(k[1]))):
        resolver.check_version(key)
    if not selection.failure:
        resolver.check_direct(selection)
    selected: dict[str, list[str]] = {}
    for name, version in sorted(selection.reached, key=lambda k: (k[0], Version.parse(k[1]))):
        selected.setdefault(name, []).append(version)
    return Resolution(selected, resolver.problems)
