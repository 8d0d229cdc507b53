"""Python targets: every file owned; every import from the target's own srcs or direct deps."""

from __future__ import annotations

import posixpath
from collections import defaultdict
from dataclasses import dataclass, field

from buildcheck.check_labels import hub_lock
from buildcheck.labels import LabelError, parse_label
from buildcheck.model import PY_KINDS, BuildGraph, Problem, Target
from buildcheck.python_env import module_distributions, normalize_distribution, stdlib_modules
from buildcheck.python_imports import imports_of, module_name
from buildcheck.resolve import resolve

# Top-level folders whose Python files must each belong to a target.
OWNED_ROOTS = ("common", "gears", "tools")
GEAR_PYTEST_MAIN = "gear_pytest.main"


@dataclass
class PythonIndex:
    """Which target provides which module, and each py target's files and import roots."""

    srcs: dict[str, list[str]] = field(default_factory=dict)  # label -> source files
    roots: dict[str, list[str]] = field(default_factory=dict)  # label -> import roots
    providers: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def provider_of(self, name: str) -> tuple[str, set[str]] | None:
        """The longest first-party module prefix of `name` and the targets providing it."""
        parts = name.split(".")
        for end in range(len(parts), 0, -1):
            prefix = ".".join(parts[:end])
            if prefix in self.providers:
                return prefix, self.providers[prefix]
        return None


def import_roots(target: Target) -> list[str]:
    """The target's `imports` directories (repository-relative), longest first, then the root."""
    roots: list[str] = []
    for entry in target.attrs.get("imports") or []:
        joined = posixpath.normpath(posixpath.join(target.package or ".", entry))
        roots.append("" if joined == "." else joined)
    return sorted(set(roots), key=len, reverse=True) + ([] if "" in roots else [""])


def _relative_to(path: str, root: str) -> str | None:
    if not root:
        return path
    return path[len(root) + 1 :] if path.startswith(root + "/") else None


def build_index(graph: BuildGraph) -> PythonIndex:
    """Map modules to the py targets whose srcs provide them.

    A target without `imports` (a gear's `:bin`) takes its package's import roots: its files
    are importable from them through a dep that sets them (`project_app.run`).
    """
    index = PythonIndex()
    targets = graph.targets_of_kind(*PY_KINDS)
    package_roots: dict[str, set[str]] = defaultdict(set)
    for target in targets:
        if target.attrs.get("imports"):
            package_roots[target.package].update(import_roots(target))
    for target in targets:
        files = graph.source_files(target, "srcs")
        index.srcs[target.label] = files
        index.roots[target.label] = (
            import_roots(target)
            if target.attrs.get("imports")
            else sorted(package_roots[target.package] | {""}, key=len, reverse=True)
        )
        for path in files:
            for root in index.roots[target.label]:
                relative = _relative_to(path, root)
                name = module_name(relative) if relative is not None else None
                if name:
                    index.providers[name].add(target.label)
    return index


def unowned_files(graph: BuildGraph, index: PythonIndex) -> list[Problem]:
    """Python files under common/, gears/, tools/ that no py target lists in srcs."""
    owned = {path for files in index.srcs.values() for path in files}
    problems: list[Problem] = []
    for path in graph.files:
        if not path.endswith(".py") or path.split("/", 1)[0] not in OWNED_ROOTS or path in owned:
            continue
        package = graph.package_of(path)
        if package in graph.failed_packages:
            continue
        where = (
            f"add it to srcs of a py_library or py_test in {graph.packages[package]}"
            if package
            else "no BUILD.bazel in its folder or above it: add one with a py_library or py_test"
        )
        problems.append(
            Problem(path, "", f"belongs to no py_library, py_binary or py_test ({where})")
        )
    return problems


class ImportChecker:
    """Checks that each py target's imports come from its own srcs or its direct deps."""

    def __init__(self, graph: BuildGraph, index: PythonIndex) -> None:
        self.graph = graph
        self.index = index
        self.stdlib = stdlib_modules()
        self.pypi = module_distributions()
        self.locked = {hub: hub_lock(graph, hub) for hub in graph.module.pip_hubs}

    def check(self) -> list[Problem]:
        problems: list[Problem] = []
        for target in self.graph.targets_of_kind(*PY_KINDS):
            problems += self.check_target(target)
        return problems

    def _deps(self, target: Target) -> tuple[set[str], set[str]]:
        """(first-party target labels, normalized PyPI distributions) among direct deps."""
        first_party: set[str] = {target.label}
        pypi: set[str] = set()
        main = frozenset({self.graph.module.name} - {""})
        for text in target.attrs.get("deps") or []:
            resolution = resolve(self.graph, text, target.package)
            if resolution.kind == "target":
                first_party.add(resolution.target)
            elif resolution.kind == "external":
                try:
                    label = parse_label(text, target.package, main)
                except LabelError:
                    continue
                if label.repo in self.graph.module.pip_hubs:
                    pypi.add(normalize_distribution(label.package))
        return first_party, pypi

    def check_target(self, target: Target) -> list[Problem]:
        """Every problem with one py target's imports, main and main_module."""
        first_party, pypi = self._deps(target)
        problems = [
            Problem(target.build_file, target.label, message)
            for message in self._main_problems(target, first_party)
        ]
        for path in self.index.srcs.get(target.label, []):
            for message in self._file_problems(target, path, first_party, pypi):
                problems.append(Problem(target.build_file, target.label, message))
        return problems

    def own_module(self, target: Target, path: str) -> tuple[str | None, bool]:
        """The module name of one of the target's files, and whether it is a package."""
        for root in self.index.roots.get(target.label, []):
            relative = _relative_to(path, root)
            name = module_name(relative) if relative is not None else None
            if name:
                return name, path.endswith("/__init__.py")
        return None, False

    def _file_problems(
        self, target: Target, path: str, first_party: set[str], pypi: set[str]
    ) -> list[str]:
        try:
            source = (self.graph.root / path).read_text(encoding="utf-8")
            module, is_package = self.own_module(target, path)
            found = imports_of(source, path, module, is_package)
        except (OSError, SyntaxError, UnicodeDecodeError) as error:
            return [f"{path}: cannot read its imports ({error})"]
        messages: list[str] = []
        for item in found:
            message = self._import_problem(item.candidates, first_party, pypi)
            if message:
                messages.append(f"{path}:{item.line}: {message}")
        return sorted(set(messages), key=messages.index)

    def _import_problem(
        self, candidates: tuple[str, ...], first_party: set[str], pypi: set[str]
    ) -> str:
        """Why an import is not satisfied, or "" when it is."""
        for name in candidates:
            found = self.index.provider_of(name)
            if found is not None:
                module, providers = found
                if providers & first_party:
                    return ""
                options = " or ".join(sorted(providers))
                return f"imports `{module}`, which its deps do not provide: add {options} to deps"
        return self._external_problem(candidates[-1], pypi)

    def _external_problem(self, name: str, pypi: set[str]) -> str:
        """A standard library or PyPI import: the distribution must be a direct dep."""
        top = name.split(".", 1)[0]
        dists = self.pypi.get(top, frozenset())
        if top in self.stdlib or dists & pypi:
            return ""
        if not dists:
            return (
                f"imports `{name}`, which no target, the standard library or an installed "
                "distribution provides: for a PyPI package add its distribution to "
                "requirements.in, run ./dev lock, then add @pip//<distribution> to deps; for "
                "our own code add the target that provides it to deps (or fix the name)"
            )
        hub = next(iter(sorted(self.graph.module.pip_hubs)), "pip")
        wanted = " or ".join(f"@{hub}//{d}" for d in sorted(dists))
        locked = self.locked.get(hub)
        if locked is not None and not dists & locked:
            return (
                f"imports `{top}` (PyPI), but deps lack {wanted}, and requirements_lock.txt lacks "
                "it too: add it to requirements.in, run ./dev lock, then add the dep"
            )
        return f"imports `{top}` (PyPI), but deps lack {wanted}: add it to deps"

    def _main_problems(self, target: Target, first_party: set[str]) -> list[str]:
        """An executable's `main` must be in srcs, or its `main_module` provided by its deps."""
        if target.kind == "py_library":
            return []
        srcs = self.index.srcs.get(target.label, [])
        main = target.attrs.get("main")
        main_module = target.attrs.get("main_module")
        if main and main_module:
            return ["set `main` or `main_module`, not both"]
        if isinstance(main_module, str) and main_module:
            return self._main_module_problems(target, main_module, srcs, first_party)
        if isinstance(main, str) and main:
            resolution = resolve(self.graph, main, target.package)
            missing = resolution.path and resolution.path not in srcs
            return [f"main {main!r} is not in srcs"] if missing else []
        if not any(s.rsplit("/", 1)[-1] == f"{target.name}.py" for s in srcs):
            return [
                f"no main: set `main` to one of srcs (or add {target.name}.py, or `main_module`)"
            ]
        return []

    def _main_module_problems(
        self, target: Target, main_module: str, srcs: list[str], first_party: set[str]
    ) -> list[str]:
        messages = []
        found = self.index.provider_of(main_module)
        if found is None or not (found[1] & first_party):
            hint = f": add {' or '.join(sorted(found[1]))} to deps" if found else ""
            messages.append(f"main_module `{main_module}` is not provided by its deps{hint}")
        if main_module == GEAR_PYTEST_MAIN and target.kind == "py_test":
            messages += self._gear_pytest_problems(target, srcs)
        return messages

    def _gear_pytest_problems(self, target: Target, srcs: list[str]) -> list[str]:
        """gear_pytest.main runs `<name>.py` of the package, else the first one below it."""
        wanted = f"{target.name}.py"
        direct = f"{target.package}/{wanted}" if target.package else wanted
        if len(srcs) != 1 or srcs[0].rsplit("/", 1)[-1] != wanted:
            return [
                f"{GEAR_PYTEST_MAIN} runs the file named after the target ({wanted}), "
                f"but srcs are {srcs}: one test file per py_test, named after it"
            ]
        if srcs[0] != direct and direct in self.graph.file_paths:
            return [f"{GEAR_PYTEST_MAIN} would run {direct}, not {srcs[0]}"]
        return []
