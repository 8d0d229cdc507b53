"""What each Python target's deps should be, from its sources' imports (buildcheck's analysis)."""

from __future__ import annotations

import fnmatch
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field

from build_deps.keep import RuleText, rules_as_written
from buildcheck.check_labels import hub_lock
from buildcheck.check_python import (
    GEAR_PYTEST_MAIN,
    OWNED_ROOTS,
    ImportChecker,
    PythonIndex,
    build_index,
)
from buildcheck.labels import LabelError, parse_label
from buildcheck.model import PY_KINDS, BuildGraph, Target
from buildcheck.python_env import module_distributions, normalize_distribution, stdlib_modules
from buildcheck.python_imports import Import, imports_of
from buildcheck.resolve import resolve

# Test files, as rules_python's Gazelle plugin matches them (python_test_file_pattern default).
TEST_FILE_PATTERNS = ("test_*.py", "*_test.py")


@dataclass
class TargetChange:
    """The deps to add to and remove from one target (label texts as to be written)."""

    target: Target
    add: list[str] = field(default_factory=list)
    remove: list[str] = field(default_factory=list)
    # deps no import names but main_module needs: marked `# keep: main_module` for Gazelle,
    # which does not read main_module and would drop them
    keep: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class NewTest:
    """A test file no target owns: the py_test to create for it."""

    build_file: str
    package: str
    name: str
    src: str  # relative to the package


@dataclass(frozen=True)
class NewSource:
    """A library file no target owns: the py_library of its folder to add it to."""

    build_file: str
    label: str
    src: str  # relative to the package


@dataclass
class Plan:
    """Everything `./dev deps` would change, and what it cannot change by itself."""

    changes: list[TargetChange] = field(default_factory=list)
    new_tests: list[NewTest] = field(default_factory=list)
    new_sources: list[NewSource] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # for a human: cannot be fixed by the tool

    @property
    def empty(self) -> bool:
        return not self.changes and not self.new_tests and not self.new_sources


def short_label(label: str, package: str) -> str:
    """`//a/b:b` -> `//a/b`; a label of `package` itself -> `:name`."""
    pkg, name = label[2:].split(":", 1)
    if pkg == package:
        return f":{name}"
    return f"//{pkg}" if posixpath.basename(pkg) == name else label


def pypi_label(hub: str, dist: str) -> str:
    return f"@{hub}//{dist}"


def _preferred(graph: BuildGraph, providers: set[str]) -> list[str]:
    """Providers to choose from: libraries before binaries, never tests."""
    libraries = sorted(p for p in providers if graph.targets[p].kind == "py_library")
    if libraries:
        return libraries
    return sorted(p for p in providers if graph.targets[p].kind == "py_binary")


class Planner:
    """Computes the plan over a loaded graph."""

    def __init__(self, graph: BuildGraph) -> None:
        self.graph = graph
        self.index: PythonIndex = build_index(graph)
        self.checker = ImportChecker(graph, self.index)
        self.stdlib = stdlib_modules()
        self.pypi = module_distributions()
        self.hub = next(iter(sorted(graph.module.pip_hubs)), "pip")
        self.locked = hub_lock(graph, self.hub) or frozenset()
        self.main = frozenset({graph.module.name} - {""})
        self._written: dict[str, dict[str, RuleText]] = {}

    def written(self, target: Target) -> RuleText | None:
        """How the target's rule is written in its BUILD file (None if a macro made it)."""
        if target.macro:
            return None
        if target.build_file not in self._written:
            self._written[target.build_file] = rules_as_written(self.graph.root / target.build_file)
        return self._written[target.build_file].get(target.name)

    def plan(self, paths: list[str]) -> Plan:
        """The plan for the targets whose BUILD file or sources lie under one of `paths`."""
        plan = Plan()
        for target in self.graph.targets_of_kind(*PY_KINDS):
            if not self._selected(target, paths):
                continue
            change = self.target_change(target, plan.notes)
            if change is not None:
                plan.changes.append(change)
        plan.new_tests, plan.new_sources = self.unowned(paths, plan.notes)
        return plan

    def _selected(self, target: Target, paths: list[str]) -> bool:
        files = [target.build_file, *self.index.srcs.get(target.label, [])]
        return not paths or any(_under(f, p) for f in files for p in paths)

    def _dep_map(self, target: Target) -> dict[str, str]:
        """Each dep as written -> what it provides: a target label or `pypi:<distribution>`."""
        found: dict[str, str] = {}
        for text in target.attrs.get("deps") or []:
            resolution = resolve(self.graph, text, target.package)
            if resolution.kind == "target":
                found[text] = resolution.target
            elif resolution.kind == "external":
                try:
                    label = parse_label(text, target.package, self.main)
                except LabelError:
                    continue
                if label.repo in self.graph.module.pip_hubs:
                    found[text] = "pypi:" + normalize_distribution(label.package)
        return found

    def target_change(self, target: Target, notes: list[str]) -> TargetChange | None:
        """The deps one target lacks and lists unused; None when it has nothing to change."""
        deps = self._dep_map(target)
        provided = set(deps.values()) | {target.label}
        used: set[str] = set()
        wanted: list[str] = []

        def want(options: list[str], why: str) -> None:
            if len(options) == 1:
                wanted.append(options[0])
            elif options:
                notes.append(f"{target.label}: {why} comes from any of {options}: add one by hand")

        for path in self.index.srcs.get(target.label, []):
            for item in self._imports(target, path, notes):
                self._classify(
                    item.candidates,
                    provided=provided,
                    used=used,
                    want=want,
                    where=f"{path}:{item.line}",
                    notes=notes,
                )
        main_module = target.attrs.get("main_module")
        if isinstance(main_module, str) and main_module:
            self._classify(
                (main_module,),
                provided=provided,
                used=used,
                want=want,
                where="main_module",
                notes=notes,
            )
        return self._change(
            target,
            deps=deps,
            used=used,
            wanted=wanted,
            main_providers=self._main_providers(target),
            notes=notes,
        )

    def _main_providers(self, target: Target) -> set[str]:
        """The targets that provide the target's main_module."""
        main_module = target.attrs.get("main_module")
        found = self.index.provider_of(main_module) if isinstance(main_module, str) else None
        return set(found[1]) if found else set()

    def _imports(self, target: Target, path: str, notes: list[str]) -> list[Import]:
        try:
            source = (self.graph.root / path).read_text(encoding="utf-8")
            module, is_package = self.checker.own_module(target, path)
            return imports_of(source, path, module, is_package)
        except (OSError, SyntaxError, UnicodeDecodeError) as error:
            notes.append(f"{path}: cannot read its imports ({error})")
            return []

    def _classify(
        self,
        candidates: tuple[str, ...],
        *,
        provided: set[str],
        used: set[str],
        want: Callable[[list[str], str], None],
        where: str,
        notes: list[str],
    ) -> None:
        """Mark the dep an import uses, or ask for the one it needs (or say why neither)."""
        for name in candidates:
            found = self.index.provider_of(name)
            if found is None:
                continue
            module, providers = found
            have = providers & provided
            if have:
                used.update(have)
            else:
                want(_preferred(self.graph, providers), f"`{module}` ({where})")
            return
        top = candidates[-1].split(".", 1)[0]
        if top in self.stdlib:
            return
        dists = self.pypi.get(top, frozenset())
        have = {f"pypi:{d}" for d in dists} & provided
        if have:
            used.update(have)
            return
        locked = sorted(dists & self.locked)
        if locked:
            want([f"pypi:{d}" for d in locked], f"`{top}` ({where})")
        elif dists:
            names = " or ".join(sorted(dists))
            notes.append(
                f"{where}: imports `{top}` from {names}, which requirements_lock.txt lacks: "
                "add it to requirements.in and run ./dev lock (then ./dev deps --fix)"
            )
        else:
            notes.append(
                f"{where}: imports `{top}`, which no target and no locked package provides: "
                "add the package that provides it to requirements.in and run ./dev lock "
                "(then ./dev deps --fix)"
            )

    def _label_text(self, provider: str, target: Target) -> str:
        if provider.startswith("pypi:"):
            return pypi_label(self.hub, provider[len("pypi:") :])
        return short_label(provider, target.package)

    def _change(
        self,
        target: Target,
        *,
        deps: dict[str, str],
        used: set[str],
        wanted: list[str],
        main_providers: set[str],
        notes: list[str],
    ) -> TargetChange | None:
        written = self.written(target)
        kept = written.kept_deps if written else set()
        add = sorted({self._label_text(p, target) for p in wanted})
        remove = sorted(
            text for text, what in deps.items() if what not in used and text not in kept
        )
        main_deps = {text for text, what in deps.items() if what in main_providers}
        main_deps |= {self._label_text(p, target) for p in wanted if p in main_providers}
        keep = sorted(main_deps - kept) if written is not None else []  # macros: not Gazelle's
        if not add and not remove and not keep:
            return None
        if written is None or written.kept or not written.deps_literal:
            why = (
                "made by a macro"
                if written is None
                else "marked # keep"
                if written.kept
                else "its deps are not a list of strings"
            )
            if not (written is not None and written.kept):
                notes.append(
                    f"{target.build_file}: {target.label}: {why}, edit by hand: "
                    f"add {add or 'nothing'}, remove {remove or 'nothing'}"
                )
            return None
        return TargetChange(target, add, remove, keep)

    def unowned(self, paths: list[str], notes: list[str]) -> tuple[list[NewTest], list[NewSource]]:
        """Python files under common/, gears/, tools/ that no py target lists, and their fix:
        a py_test for a test file, the folder's one py_library for any other file."""
        owned = {path for files in self.index.srcs.values() for path in files}
        tests: list[NewTest] = []
        sources: list[NewSource] = []
        for path in self.graph.files:
            if (
                not path.endswith(".py")
                or path in owned
                or path.split("/", 1)[0] not in OWNED_ROOTS
                or (paths and not any(_under(path, p) for p in paths))
            ):
                continue
            package = self.graph.package_of(path)
            if package is None or package in self.graph.failed_packages:
                continue  # buildcheck reports it
            relative = path[len(package) + 1 :] if package else path
            build_file = self.graph.packages[package]
            name = posixpath.basename(path)
            if any(fnmatch.fnmatchcase(name, p) for p in TEST_FILE_PATTERNS):
                stem = name[: -len(".py")]
                if f"//{package}:{stem}" in self.graph.targets:
                    notes.append(f"{path}: no target owns it, and {package} has a target {stem}")
                else:
                    tests.append(NewTest(build_file, package, stem, relative))
                continue
            library = self._library_of_folder(package, posixpath.dirname(path))
            if library is None:
                notes.append(
                    f"{path}: no target owns it, and no single py_library of {build_file} has "
                    "its folder's files: add it to srcs by hand"
                )
            else:
                sources.append(NewSource(build_file, library, relative))
        return tests, sources

    def _library_of_folder(self, package: str, folder: str) -> str | None:
        """The one py_library of `package`, written in its BUILD file, with srcs in `folder`."""
        found = []
        for target in self.graph.targets_of_kind("py_library"):
            written = self.written(target) if target.package == package else None
            if written is None or written.kept or not written.srcs_literal:
                continue
            srcs = self.index.srcs.get(target.label, [])
            if any(posixpath.dirname(s) == folder for s in srcs):
                found.append(target.label)
        return found[0] if len(found) == 1 else None


def _under(path: str, prefix: str) -> bool:
    prefix = prefix.rstrip("/")
    return prefix in ("", ".") or path == prefix or path.startswith(prefix + "/")


def test_runner(index: PythonIndex) -> str | None:
    """The main_module new py_tests get (gear_pytest.main) when the repository provides it."""
    return GEAR_PYTEST_MAIN if index.provider_of(GEAR_PYTEST_MAIN) else None
