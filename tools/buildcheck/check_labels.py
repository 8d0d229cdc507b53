"""Every label in a label attribute resolves: a target, a file, or a visible external repo."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from buildcheck.labels import Label
from buildcheck.model import BuildGraph, Problem, Target
from buildcheck.python_env import locked_distributions, normalize_distribution
from buildcheck.resolve import resolve
from buildcheck.rule_stubs import PLATFORMS_TARGETS, AttrType

_LOCATION = re.compile(
    r"\$\((?:location|locations|execpath|execpaths|rootpath|rootpaths)\s+([^)]+)\)"
)
# Attributes whose values are not labels of targets (visibility uses pseudo-packages).
_NOT_CHECKED = frozenset({"visibility"})


def label_values(target: Target) -> Iterator[tuple[str, Any]]:
    """(attribute, label text) for every label in the target's label-typed attributes."""
    for attr, value in target.attrs.items():
        kind = target.attr_types.get(attr)
        if kind is None or attr in _NOT_CHECKED or value is None:
            continue
        if kind is AttrType.LABEL or (
            kind in (AttrType.LIST_OR_LABEL, AttrType.DICT_OR_LABEL) and isinstance(value, str)
        ):
            yield attr, value
        elif kind is AttrType.LABEL_LIST and isinstance(value, list):
            yield from ((attr, v) for v in value)
        elif kind is AttrType.LABEL_KEYED_DICT and isinstance(value, dict):
            yield from ((attr, k) for k in value)


class LabelChecker:
    """Checks the labels of every target of a graph."""

    def __init__(self, graph: BuildGraph) -> None:
        self.graph = graph
        self._locks: dict[str, frozenset[str] | None] = {}

    def check(self) -> list[Problem]:
        problems: list[Problem] = []
        for target in sorted(self.graph.targets.values(), key=lambda t: t.label):
            for attr, text in label_values(target):
                message = self.label_problem(text, target.package)
                if message:
                    problems.append(
                        Problem(target.build_file, target.label, f"`{attr}`: {message}")
                    )
            problems += self._location_problems(target)
        return problems

    def label_problem(self, text: Any, package: str) -> str:
        """Why `text` does not resolve from `package`, or "" when it does."""
        resolution = resolve(self.graph, text, package)
        if resolution.error:
            return resolution.error
        label = resolution.label
        if label is None or not label.repo:
            return ""
        return self.external_problem(label)

    def external_problem(self, label: Label) -> str:
        """Why an external label is wrong: repo not in scope, PyPI name not locked, ..."""
        module = self.graph.module
        if label.repo not in module.repos_in_scope:
            return (
                f"{label}: @{label.repo} is not visible "
                "(MODULE.bazel has no bazel_dep or use_repo for it)"
            )
        if label.repo in module.pip_hubs and label.package:
            locked = self._locked(label.repo)
            dist = normalize_distribution(label.package)
            if dist != label.package:
                return f"{label}: write PyPI names normalized, @{label.repo}//{dist}"
            if locked is not None and dist not in locked:
                return f"{label}: {dist} is not in the lock file of hub {label.repo!r}"
        if label.repo == "platforms" and f"//{label.package}:{label.name}" not in PLATFORMS_TARGETS:
            return f"{label}: no such constraint in platforms (see tools/buildcheck/rule_stubs.py)"
        return ""

    def _locked(self, hub: str) -> frozenset[str] | None:
        if hub not in self._locks:
            self._locks[hub] = hub_lock(self.graph, hub)
        return self._locks[hub]

    def _forms(self, target: Target, values: Any) -> set[str]:
        """Every way a label list's entries can be named: the label and its target's label."""
        forms: set[str] = set()
        for value in values if isinstance(values, list) else []:
            resolution = resolve(self.graph, value, target.package)
            forms |= {resolution.target, str(resolution.label) if resolution.label else ""}
        return forms - {""}

    def _location_problems(self, target: Target) -> list[Problem]:
        """$(location x) in genrule commands must name one of its srcs, tools or outs."""
        if target.kind != "genrule":
            return []
        declared = self._forms(target, target.attrs.get("srcs") or [])
        declared |= self._forms(target, target.attrs.get("tools") or [])
        declared |= {f"//{target.package}:{o}" for o in target.outputs}
        problems: list[Problem] = []
        for attr in ("cmd", "cmd_bash"):
            command = target.attrs.get(attr)
            if not isinstance(command, str):
                continue
            for text in _LOCATION.findall(command):
                resolution = resolve(self.graph, text.strip(), target.package)
                if resolution.error:
                    message = resolution.error
                elif not {resolution.target, str(resolution.label)} & declared:
                    message = f"$(...) names {text.strip()!r}, which is not in srcs, tools or outs"
                else:
                    continue
                problems.append(Problem(target.build_file, target.label, f"`{attr}`: {message}"))
        return problems


def hub_lock(graph: BuildGraph, hub: str) -> frozenset[str] | None:
    """The distributions locked for a pip hub (None when its lock file can't be found)."""
    lock_label = graph.module.pip_hubs.get(hub, "")
    resolution = resolve(graph, lock_label, "") if lock_label else None
    if resolution is None or not resolution.path:
        return None
    path = graph.root / resolution.path
    return locked_distributions(path) if path.is_file() else None
