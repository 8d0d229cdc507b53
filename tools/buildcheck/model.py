"""The recorded build graph: targets, macro calls, the module, and the problems found."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from buildcheck.files import RepoFiles
from buildcheck.labels import LabelError, parse_label
from buildcheck.resolve import canonical_labels, resolve_source_files
from buildcheck.rule_stubs import AttrType

PY_KINDS = frozenset({"py_library", "py_binary", "py_test"})


@dataclass(frozen=True, order=True)
class Problem:
    """One finding: the file it is about, the target (may be empty) and what is wrong."""

    path: str
    target: str
    message: str

    def __str__(self) -> str:
        if self.target:
            return f"{self.path}: {self.target}: {self.message}"
        return f"{self.path}: {self.message}"


@dataclass
class Target:
    """A target a BUILD file declared (directly or through a macro)."""

    kind: str
    package: str
    name: str
    attrs: dict[str, Any]
    build_file: str  # repository-relative path of the BUILD file
    macro: str | None = None  # the first-party macro the BUILD file called, if any
    outputs: list[str] = field(default_factory=list)  # output file names in the package
    attr_types: dict[str, AttrType] = field(default_factory=dict)  # from its rule's table

    @property
    def label(self) -> str:
        return f"//{self.package}:{self.name}"


@dataclass
class MacroCall:
    """A call of a first-party macro (a function from a //... .bzl file) in a BUILD file."""

    symbol: str
    module: str  # the .bzl file's label, e.g. //tools/bazel:gear.bzl
    package: str
    build_file: str
    kwargs: dict[str, Any]
    targets: list[str] = field(default_factory=list)  # labels of the targets it made

    @property
    def label(self) -> str:
        name = self.kwargs.get("name")
        return f"//{self.package}:{name}" if isinstance(name, str) else f"//{self.package}"


@dataclass(frozen=True)
class ExtensionTag:
    """One module extension tag call in MODULE.bazel, e.g. pip.parse(...)."""

    extension: str  # e.g. "pip"
    bzl: str
    tag: str
    attrs: dict[str, Any]


@dataclass
class ModuleInfo:
    """What MODULE.bazel declares."""

    name: str = ""
    bazel_deps: dict[str, str] = field(default_factory=dict)  # repo name -> "module@version"
    use_repos: set[str] = field(default_factory=set)  # repo names brought in by use_repo
    tags: list[ExtensionTag] = field(default_factory=list)
    pip_hubs: dict[str, str] = field(default_factory=dict)  # hub name -> requirements_lock label

    @property
    def repos_in_scope(self) -> set[str]:
        return set(self.bazel_deps) | self.use_repos | {"bazel_tools"}


@dataclass(frozen=True)
class PyTestInfo:
    """A py_test and the test files it runs (repository-relative paths)."""

    label: str
    package: str
    srcs: list[str]
    main_module: str | None


@dataclass
class BuildGraph:
    """Everything the evaluation recorded."""

    repo: RepoFiles
    targets: dict[str, Target]  # by label, "//pkg:name"
    module: ModuleInfo
    macro_calls: list[MacroCall]
    gear_list: list[str] | None  # GEARS from tools/bazel/gears.bzl; None when absent
    problems: list[Problem]  # found while evaluating
    output_owner: dict[str, str] = field(default_factory=dict)  # "pkg/out" -> target label
    failed_packages: set[str] = field(default_factory=set)  # BUILD files that did not evaluate

    @property
    def root(self) -> Path:
        return self.repo.root

    @property
    def packages(self) -> dict[str, str]:
        """Package -> its BUILD file path."""
        return self.repo.packages

    @property
    def files(self) -> list[str]:
        """Every repository file (relative), as git sees them."""
        return self.repo.files

    @property
    def file_paths(self) -> frozenset[str]:
        return self.repo.file_set

    def package_of(self, path: str) -> str | None:
        """The package owning a repository path."""
        return self.repo.package_of(path)

    def targets_of_kind(self, *kinds: str) -> list[Target]:
        """Targets of the given kinds, sorted by label."""
        return sorted((t for t in self.targets.values() if t.kind in kinds), key=lambda t: t.label)

    def py_tests(self) -> list[PyTestInfo]:
        """Every py_test with its source files."""
        return [
            PyTestInfo(
                label=t.label,
                package=t.package,
                srcs=self.source_files(t, "srcs"),
                main_module=t.attrs.get("main_module"),
            )
            for t in self.targets_of_kind("py_test")
        ]

    def source_files(self, target: Target, attr: str) -> list[str]:
        """The repository files a label-list attribute of `target` names (not generated ones)."""
        return resolve_source_files(self, target, attr)

    def canonical(self, label: str) -> str:
        """`//a/b` -> `//a/b:b`, `@<this module>//x:y` -> `//x:y` (unparsable text unchanged)."""
        try:
            return str(parse_label(label, "", frozenset({self.module.name} - {""})))
        except LabelError:
            return label

    def direct_deps(self, label: str) -> list[str]:
        """The canonical labels in `deps` of a target (external ones too, e.g. @pip//x:x)."""
        target = self.targets[self.canonical(label)]
        return canonical_labels(self, target, target.attrs.get("deps") or [])

    def transitive_deps(self, label: str) -> set[str]:
        """Every label reachable through `deps` from `label` (not `label` itself)."""
        label = self.canonical(label)
        seen: set[str] = set()
        todo: list[str] = [label]
        while todo:
            current = todo.pop()
            if current not in self.targets:
                continue
            for dep in self.direct_deps(current):
                if dep not in seen:
                    seen.add(dep)
                    todo.append(dep)
        seen.discard(label)
        return seen
