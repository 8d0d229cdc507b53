"""A test's inputs: the files and packages its target reaches in the build graph."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from buildcheck import BuildGraph, Target
from buildcheck.resolve import resolve
from buildcheck.rule_specs import AttrType

LABEL_TYPES = frozenset({AttrType.LABEL, AttrType.LABEL_LIST, AttrType.LABEL_KEYED_DICT})
# Attributes followed for a target whose rule table gives no types (native rules).
DEFAULT_LABEL_ATTRS = ("srcs", "deps", "data", "tools")
# Bazel's tag for a test that reads what its deps do not declare (here: the whole source tree,
# gear_pytest.source_tree); Bazel never caches it, and any change affects it.
READS_THE_TREE = "external"


@dataclass(frozen=True)
class PyTestReach:
    """One py_test: its label, its test files, what it reaches, and whether it reads the tree."""

    label: str
    srcs: tuple[str, ...]
    files: frozenset[str]  # repository files; a folder named as a file ends in "/"
    packages: frozenset[str]  # the packages of what it reaches (targets and files), its own too
    reads_the_tree: bool

    def reaches(self, path: str) -> bool:
        """Whether `path` is one of its input files, or inside one of its input folders."""
        return path in self.files or any(path.startswith(folder) for folder in self.folders)

    @cached_property
    def folders(self) -> tuple[str, ...]:
        """The entries of `files` that are folders."""
        return tuple(sorted(entry for entry in self.files if entry.endswith("/")))


def label_values(target: Target) -> list[object]:
    """The values of `target`'s label-typed attributes, flattened."""
    if target.attr_types:
        names = [name for name, kind in target.attr_types.items() if kind in LABEL_TYPES]
    else:
        names = list(DEFAULT_LABEL_ATTRS)
    values: list[object] = []
    for name in names:
        value = target.attrs.get(name)
        if isinstance(value, (dict, list)):  # a dict: its keys are the labels
            values.extend(value)
        elif value is not None:
            values.append(value)
    return values


def _file_entry(graph: BuildGraph, path: str) -> str:
    return f"{path}/" if path not in graph.file_paths and (graph.root / path).is_dir() else path


def reach(graph: BuildGraph, label: str) -> tuple[set[str], set[str]]:
    """(files, packages) reached from `label` through label attributes; externals are left out
    (the lock and MODULE.bazel stand for them)."""
    files: set[str] = set()
    packages: set[str] = set()
    seen: set[str] = set()
    todo = [label]
    while todo:
        current = todo.pop()
        if current in seen or current not in graph.targets:
            continue
        seen.add(current)
        target = graph.targets[current]
        packages.add(target.package)
        for value in label_values(target):
            resolution = resolve(graph, value, target.package)
            if resolution.kind == "file":
                files.add(_file_entry(graph, resolution.path))
                owner = graph.package_of(resolution.path)
                if owner is not None:
                    packages.add(owner)  # a script run as data is code of that package too
            elif resolution.kind in ("target", "output"):
                todo.append(resolution.target)
    return files, packages


def reach_of_tests(graph: BuildGraph) -> list[PyTestReach]:
    """Every py_test of the graph with its inputs, sorted by label."""
    found = []
    for test in graph.py_tests():
        files, packages = reach(graph, test.label)
        tags = graph.targets[test.label].attrs.get("tags") or []
        found.append(
            PyTestReach(
                label=test.label,
                srcs=tuple(test.srcs),
                files=frozenset(files),
                packages=frozenset(packages),
                reads_the_tree=READS_THE_TREE in tags,
            )
        )
    return found


def declared_files(graph: BuildGraph) -> frozenset[str]:
    """Every file some target of the graph names (folders end in "/")."""
    found: set[str] = set()
    for target in graph.targets.values():
        for value in label_values(target):
            resolution = resolve(graph, value, target.package)
            if resolution.kind == "file":
                found.add(_file_entry(graph, resolution.path))
    return frozenset(found)
