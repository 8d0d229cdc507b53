"""Run MODULE.bazel, every BUILD file and the .bzl files they load with a real Starlark interpreter.

First-party `//...` .bzl files run for real; external loads (`@rules_python//...`) become stubs
built from rule_stubs.py that record targets and refuse unknown or missing attributes.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeGuard

import starlark as sl

from buildcheck import prelude
from buildcheck.files import RepoFiles
from buildcheck.labels import LABEL_KEY, Label, LabelError, label_fields, parse_label
from buildcheck.model import MacroCall, ModuleInfo, Problem, Target
from buildcheck.module_file import ModuleRecorder
from buildcheck.rule_stubs import (
    BINARY_ATTRS,
    COMMON_ATTRS,
    LOADS,
    NATIVE_RULES,
    REFUSED_NATIVE_RULES,
    RULE_SET_VERSIONS,
    TEST_ATTRS,
    AttrType,
    RuleSpec,
    ValueSpec,
    did_you_mean,
    normalize_load,
)

GLOBALS = sl.Globals.extended_by([sl.LibraryExtension.StructType, sl.LibraryExtension.Json])
DIALECT = sl.Dialect.standard()
GEARS_BZL = "tools/bazel/gears.bzl"

_LABEL_IN_TEXT = re.compile(r'struct\(__label__="([^"]*)"[^)]*\)')
_RULE_ASSIGNMENT = re.compile(r"^(\w+)\s*=\s*rule\(", re.MULTILINE)
_ATTR_KINDS: Mapping[str, AttrType] = {
    "label": AttrType.LABEL,
    "label_list": AttrType.LABEL_LIST,
    "label_keyed_string_dict": AttrType.LABEL_KEYED_DICT,
    "output": AttrType.OUTPUT,
    "output_list": AttrType.OUTPUT_LIST,
    "string": AttrType.STRING,
    "string_list": AttrType.STRING_LIST,
    "string_dict": AttrType.STRING_DICT,
    "string_list_dict": AttrType.STRING_LIST_DICT,
    "int": AttrType.INT,
    "bool": AttrType.BOOL,
}


class EvalError(Exception):
    """A BUILD or .bzl file did something Bazel would refuse while loading."""


def plain(value: Any) -> Any:
    """A recorded value with our Label structs turned back into label strings."""
    if isinstance(value, dict):
        if LABEL_KEY in value:
            return str(value[LABEL_KEY])
        return {plain(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, str) and "struct(__label__=" in value:
        return _LABEL_IN_TEXT.sub(lambda m: m.group(1), value)
    return value


def _shape_ok(kind: AttrType, value: Any) -> bool:
    """Whether a value has the shape the attribute type needs (None means "default")."""
    if value is None or kind is AttrType.ANY:
        return True
    shapes: dict[AttrType, Callable[[Any], bool]] = {
        AttrType.LABEL: lambda v: isinstance(v, str),
        AttrType.OUTPUT: lambda v: isinstance(v, str),
        AttrType.STRING: lambda v: isinstance(v, str),
        AttrType.LABEL_LIST: _is_str_list,
        AttrType.OUTPUT_LIST: _is_str_list,
        AttrType.STRING_LIST: _is_str_list,
        AttrType.STRING_DICT: lambda v: isinstance(v, dict),
        AttrType.STRING_LIST_DICT: lambda v: isinstance(v, dict),
        AttrType.LABEL_KEYED_DICT: lambda v: isinstance(v, dict),
        AttrType.INT: lambda v: isinstance(v, int),
        AttrType.BOOL: lambda v: isinstance(v, bool | int),
        AttrType.LIST_OR_LABEL: lambda v: isinstance(v, str) or _is_str_list(v),
        AttrType.DICT_OR_LABEL: lambda v: isinstance(v, str | dict),
    }
    return shapes[kind](value)


def _is_str_list(value: object) -> TypeGuard[list[str]]:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


@dataclass
class DeclaredRule:
    """A rule() a first-party .bzl file declares."""

    file: str
    attrs: dict[str, AttrType]
    mandatory: frozenset[str]
    test: bool
    executable: bool
    kind: str = "rule"

    def spec(self) -> RuleSpec:
        attrs = dict(COMMON_ATTRS)
        attrs.update(TEST_ATTRS if self.test else BINARY_ATTRS if self.executable else {})
        attrs.update(self.attrs)
        return RuleSpec(
            kind=self.kind,
            attrs=attrs,
            mandatory=self.mandatory | {"name"},
            is_test=self.test,
            is_executable=self.executable or self.test,
        )


@dataclass
class EvalResult:
    """What evaluating the repository recorded."""

    module: ModuleInfo
    targets: dict[str, Target]
    output_owner: dict[str, str]
    macro_calls: list[MacroCall]
    gear_list: list[str] | None
    problems: list[Problem]
    exported_files: set[str] = field(default_factory=set)
    failed_packages: set[str] = field(default_factory=set)


class Evaluator:
    """Evaluates a repository's Bazel files once; `run()` returns what they declared."""

    def __init__(self, repo: RepoFiles) -> None:
        self.repo = repo
        self.module = ModuleInfo()
        self.main_repo_names: frozenset[str] = frozenset()
        self.targets: dict[str, Target] = {}
        self.output_owner: dict[str, str] = {}
        self.macro_calls: list[MacroCall] = []
        self.problems: list[Problem] = []
        self.exported_files: set[str] = set()
        self.failed_packages: set[str] = set()
        self.declared_rules: list[DeclaredRule] = []
        self._rule_names: dict[str, set[str]] = {}  # .bzl path -> names bound to rule()
        self._bzl_cache: dict[str, sl.FrozenModule] = {}
        self._bzl_failed: dict[str, str] = {}
        self._loading: list[str] = []
        self._current_file = ""  # the file being evaluated (BUILD or .bzl), for problems
        self._package: str | None = None  # the BUILD package being evaluated
        self._build_file = ""
        self._macro_stack: list[MacroCall] = []

    # --- entry point ---------------------------------------------------------------------
    def run(self) -> EvalResult:
        """MODULE.bazel, then every BUILD file in package order, then the gear list."""
        self._evaluate_module_file()
        for package, build_file in sorted(self.repo.packages.items()):
            self._evaluate_build(package, build_file)
        return EvalResult(
            module=self.module,
            targets=self.targets,
            output_owner=self.output_owner,
            macro_calls=self.macro_calls,
            gear_list=self._gear_list(),
            problems=self.problems,
            exported_files=self.exported_files,
            failed_packages=self.failed_packages,
        )

    def problem(self, path: str, target: str, message: str) -> None:
        self.problems.append(Problem(path, target, message))

    # --- MODULE.bazel --------------------------------------------------------------------
    def _evaluate_module_file(self) -> None:
        path = "MODULE.bazel"
        if path not in self.repo.file_set:
            self.problem(path, "", "missing: the repository root needs a MODULE.bazel")
            return
        recorder = ModuleRecorder(self.module, self.problem)
        m = sl.Module()
        for name, fn in recorder.callables().items():
            m.add_callable(name, fn)
        try:
            sl.eval(m, sl.parse("<module prelude>", prelude.module_prelude(), DIALECT), GLOBALS)
            text = (self.repo.root / path).read_text(encoding="utf-8")
            sl.eval(m, sl.parse(path, text, DIALECT), GLOBALS)
        except sl.StarlarkError as error:
            self.problem(path, "", f"cannot evaluate: {_first_lines(error)}")
        recorder.finish()
        self.main_repo_names = frozenset(n for n in (self.module.name,) if n)
        for pinned in self.module.bazel_deps.values():
            module_name, _, version = pinned.partition("@")
            expected = RULE_SET_VERSIONS.get(module_name)
            if expected and version != expected:
                self.problem(
                    path,
                    "",
                    f"bazel_dep {module_name} {version}: buildcheck's attribute tables were "
                    f"read from {module_name} {expected} (tools/buildcheck/rule_sets.py); "
                    f"pin {expected} or update the tables",
                )

    # --- BUILD files ---------------------------------------------------------------------
    def _evaluate_build(self, package: str, build_file: str) -> None:
        self._package, self._build_file, self._macro_stack = package, build_file, []
        self._current_file = build_file
        try:
            text = (self.repo.root / build_file).read_text(encoding="utf-8")
            ast = sl.parse(build_file, text, DIALECT)
            m = self._new_module(prelude.build_prelude(), package)
            sl.eval(m, ast, GLOBALS, self._file_loader(build_file, package, ast, is_build=True))
        except (sl.StarlarkError, EvalError, OSError) as error:
            self.problem(build_file, f"//{package}", f"cannot evaluate: {_first_lines(error)}")
            self.failed_packages.add(package)
        finally:
            self._package, self._macro_stack = None, []

    def _new_module(self, prelude_text: str, file_package: str) -> sl.Module:
        m = sl.Module()
        for name, fn in self._callables().items():
            m.add_callable(name, fn)
        m["_FILE_PACKAGE"] = file_package
        sl.eval(m, sl.parse("<prelude>", prelude_text, DIALECT), GLOBALS)
        return m

    def _callables(self) -> dict[str, Callable[..., Any]]:
        table: dict[str, Callable[..., Any]] = {
            "_py_label": self._label,
            "_py_package_relative_label": self._package_relative_label,
            "_py_print": lambda lines: None,
            "_py_package_name": lambda: self._require_package("package_name"),
            "_py_repository_name": lambda: "@",
            "_py_module_name": lambda: self.module.name,
            "_py_module_version": lambda: "",
            "_py_glob": self._glob,
            "_py_existing_rules": self._existing_rules,
            "_py_existing_rule": self._existing_rule,
            "_py_exports_files": self._exports_files,
            "_py_package_group": self._package_group,
            "_py_package": lambda **kwargs: None,
            "_py_licenses": lambda *args, **kwargs: None,
            "_py_declare_rule": self._declare_rule,
            "_py_instantiate_rule": self._instantiate_rule,
            "_py_enter_macro": self._enter_macro,
            "_py_exit_macro": self._exit_macro,
        }
        for name in prelude.NATIVE_RULE_NAMES:
            table[f"_py_native_{name}"] = functools.partial(self._native_rule, name)
        return table

    def _require_package(self, what: str) -> str:
        if self._package is None:
            raise EvalError(f"{what}() can only be called while a BUILD file is evaluated")
        return self._package

    # --- loads ---------------------------------------------------------------------------
    def _file_loader(
        self, from_path: str, from_package: str, ast: sl.AstModule, *, is_build: bool
    ) -> sl.FileLoader:
        requested = {load.module_id: list(load.symbols.values()) for load in ast.loads()}

        def load(module_id: str) -> sl.FrozenModule:
            return self._load(
                module_id, from_path, from_package, requested.get(module_id, []), is_build
            )

        return sl.FileLoader(load)

    def _load(
        self, module_id: str, from_path: str, from_package: str, symbols: list[str], is_build: bool
    ) -> sl.FrozenModule:
        try:
            label = parse_label(normalize_load(module_id), from_package, self.main_repo_names)
        except LabelError as error:
            raise EvalError(f"load({module_id!r}): {error}") from error
        if label.repo:
            return self._stub_module(label, module_id, from_path, symbols)
        if not label.name.endswith(".bzl"):
            raise EvalError(f"load({module_id!r}): only .bzl files can be loaded")
        if label.path not in self.repo.file_set:
            raise EvalError(f"load({module_id!r}): no file {label.path}")
        if self.repo.package_of(label.path) != label.package:
            raise EvalError(
                f"load({module_id!r}): {label.path} is not in package //{label.package} "
                f"(write the label with the package that holds its BUILD file)"
            )
        if is_build:
            return self._macro_wrapper(label, symbols)
        return self._first_party(label)

    def _first_party(self, label: Label) -> sl.FrozenModule:
        path = label.path
        if path in self._bzl_cache:
            return self._bzl_cache[path]
        if path in self._bzl_failed:
            raise EvalError(f"{path} failed to evaluate: {self._bzl_failed[path]}")
        if path in self._loading:
            raise EvalError(f"load cycle: {' -> '.join([*self._loading, path])}")
        self._loading.append(path)
        outer_file, self._current_file = self._current_file, path
        try:
            text = (self.repo.root / path).read_text(encoding="utf-8")
            ast = sl.parse(path, text, DIALECT)
            m = self._new_module(prelude.bzl_prelude(), label.package)
            first_rule = len(self.declared_rules)
            sl.eval(m, ast, GLOBALS, self._file_loader(path, label.package, ast, is_build=False))
            self._name_declared_rules(first_rule, text)
            self._rule_names[path] = set(_RULE_ASSIGNMENT.findall(text))
            frozen = m.freeze()
        except (sl.StarlarkError, EvalError, OSError) as error:
            message = _first_lines(error)
            self._bzl_failed[path] = message
            self.problem(path, "", f"cannot evaluate: {message}")
            raise EvalError(f"{path} failed to evaluate: {message}") from error
        finally:
            self._loading.pop()
            self._current_file = outer_file
        self._bzl_cache[path] = frozen
        return frozen

    def _macro_wrapper(self, label: Label, symbols: list[str]) -> sl.FrozenModule:
        """The .bzl's symbols, with every function wrapped to record its calls (MacroCall)."""
        self._first_party(label)
        module_label = str(label)
        aliases = ", ".join(f'_real_{i} = "{s}"' for i, s in enumerate(symbols))
        lines = [
            f'load("{module_label}", {aliases})',
            "def _wrap(symbol, real):",
            '    if type(real) != "function":',
            "        return real",
            "    def call(*args, **kwargs):",
            f'        _py_enter_macro(symbol, "{module_label}", kwargs)',
            "        result = real(*args, **kwargs)",
            "        _py_exit_macro()",
            "        return result",
            "    return call",
        ]
        rules = self._rule_names.get(label.path, set())
        lines += [
            f"{s} = _real_{i}" if s in rules else f'{s} = _wrap("{s}", _real_{i})'
            for i, s in enumerate(symbols)
        ]
        m = sl.Module()
        m.add_callable("_py_enter_macro", self._enter_macro)
        m.add_callable("_py_exit_macro", self._exit_macro)
        loader = sl.FileLoader(lambda _module_id: self._first_party(label))
        sl.eval(
            m,
            sl.parse(f"<wrapper of {module_label}>", "\n".join(lines) + "\n", DIALECT),
            GLOBALS,
            loader,
        )
        return m.freeze()

    def _enter_macro(self, symbol: str, module: str, kwargs: dict[str, Any]) -> None:
        call = MacroCall(
            symbol=symbol,
            module=module,
            package=self._require_package(symbol),
            build_file=self._build_file,
            kwargs=plain(kwargs),
        )
        self._macro_stack.append(call)
        self.macro_calls.append(call)

    def _exit_macro(self) -> None:
        if self._macro_stack:
            self._macro_stack.pop()

    def _stub_module(
        self, label: Label, module_id: str, from_path: str, symbols: list[str]
    ) -> sl.FrozenModule:
        if label.repo not in self.module.repos_in_scope:
            self.problem(
                from_path,
                "",
                f"load({module_id!r}): @{label.repo} is not visible "
                "(MODULE.bazel has no bazel_dep or use_repo for it)",
            )
        key = f"@{label.repo}//{label.package}:{label.name}"
        table = LOADS.get(key)
        m = sl.Module()
        if table is None:
            self.problem(
                from_path,
                "",
                f"load({module_id!r}): not in buildcheck's table of external rules "
                "(tools/buildcheck/rule_stubs.py); add it there, read from the rule set's source",
            )
            table = {}
        for symbol in symbols:
            if symbol not in table and table:
                self.problem(
                    from_path,
                    "",
                    f"load({module_id!r}): {key} has no symbol {symbol!r} "
                    f"(it has: {', '.join(sorted(table))})",
                )
        for symbol in set(symbols) | set(table):
            spec = table.get(symbol)
            origin = f"{label.repo} {RULE_SET_VERSIONS.get(label.repo, '')}".strip()
            if isinstance(spec, ValueSpec):
                m.add_callable(symbol, functools.partial(self._value_stub, spec, origin))
            elif spec is None and table:
                # Already reported as missing; a no-op keeps the evaluation going.
                m.add_callable(symbol, lambda *args, **kwargs: {})
            else:
                kind = spec.kind if spec else symbol
                m.add_callable(symbol, functools.partial(self._record, spec, kind, origin))
        return m.freeze()

    # --- recording targets ---------------------------------------------------------------
    def _native_rule(self, kind: str, *args: Any, **kwargs: Any) -> None:
        if kind in REFUSED_NATIVE_RULES:
            package = self._require_package(kind)
            self.problem(
                self._build_file,
                f"//{package}:{kwargs.get('name', '')}",
                f"native {kind}: load it from {REFUSED_NATIVE_RULES[kind]} "
                "(.bazelrc refuses the native rules)",
            )
            spec = LOADS[REFUSED_NATIVE_RULES[kind]].get(kind) if kind.startswith("py_") else None
            self._record(
                spec if isinstance(spec, RuleSpec) else None, kind, "Bazel", *args, **kwargs
            )
            return
        self._record(NATIVE_RULES[kind], kind, "Bazel 8", *args, **kwargs)

    def _value_stub(
        self, spec: ValueSpec, origin: str, *args: Any, **kwargs: Any
    ) -> dict[str, Any]:
        package = self._package if self._package is not None else ""
        for attr in sorted(set(kwargs) - set(spec.attrs)):
            self.problem(
                self._build_file or self._current_file,
                f"//{package}",
                f"{spec.kind}() has no attribute `{attr}` ({origin})"
                + did_you_mean(attr, spec.attrs),
            )
        return {"__value__": spec.kind, **kwargs}

    def _record(
        self, spec: RuleSpec | None, kind: str, origin: str, *args: Any, **kwargs: Any
    ) -> None:
        package = self._require_package(kind)
        attrs = {k: plain(v) for k, v in kwargs.items()}
        name = attrs.get("name")
        context = self._macro_context()
        if not isinstance(name, str) or not name:
            self.problem(self._build_file, f"//{package}", f"{kind}() without a name{context}")
            return
        label = f"//{package}:{name}"
        if args:
            self.problem(self._build_file, label, f"{kind}() takes keyword arguments only{context}")
        if spec is not None:
            self._check_attrs(spec, origin, attrs, label, context)
        outputs: list[str] = []
        extra: list[str] = []
        if spec is not None:
            for attr, kind_of in spec.attrs.items():
                value = attrs.get(attr)
                if kind_of is AttrType.OUTPUT and isinstance(value, str):
                    outputs.append(value)
                elif kind_of is AttrType.OUTPUT_LIST and _is_str_list(value):
                    outputs.extend(value)
            extra = [t.format(name=name) for t in spec.extra_targets]
        target = Target(
            kind=kind,
            package=package,
            name=name,
            attrs=attrs,
            build_file=self._build_file,
            macro=self._macro_stack[0].symbol if self._macro_stack else None,
            outputs=outputs,
            attr_types=dict(spec.attrs) if spec is not None else {},
        )
        self._add_target(target, extra, context)

    def _add_target(self, target: Target, extra: list[str], context: str) -> None:
        label = target.label
        taken = label in self.targets or f"{target.package}/{target.name}" in self.output_owner
        if taken:
            self.problem(
                target.build_file, label, f"duplicate target name {target.name!r}{context}"
            )
            return
        self.targets[label] = target
        if self._macro_stack:
            self._macro_stack[0].targets.append(label)
        prefix = f"{target.package}/" if target.package else ""
        for out in target.outputs:
            key = prefix + out
            if key in self.output_owner or f"//{target.package}:{out}" in self.targets:
                self.problem(target.build_file, label, f"output {out!r} is declared twice{context}")
            self.output_owner[key] = label
        for name in extra:
            self.output_owner.setdefault(prefix + name, label)

    def _check_attrs(
        self, spec: RuleSpec, origin: str, attrs: dict[str, Any], label: str, context: str
    ) -> None:
        where = self._build_file
        for attr in sorted(set(attrs) - set(spec.attrs)):
            self.problem(
                where,
                label,
                f"{spec.kind} has no attribute `{attr}` ({origin}){did_you_mean(attr, spec.attrs)}"
                f"{context}",
            )
        for attr in sorted(spec.mandatory):
            if attrs.get(attr) is None:
                self.problem(
                    where, label, f"{spec.kind} requires attribute `{attr}` ({origin}){context}"
                )
        for attr, value in sorted(attrs.items()):
            kind_of = spec.attrs.get(attr)
            if kind_of is not None and not _shape_ok(kind_of, value):
                self.problem(
                    where,
                    label,
                    f"attribute `{attr}` of {spec.kind} must be a {kind_of.value}, "
                    f"got {type(value).__name__} {value!r}{context}",
                )

    def _macro_context(self) -> str:
        if not self._macro_stack:
            return ""
        call = self._macro_stack[0]
        return f" (made by {call.symbol}(name = {call.kwargs.get('name')!r}) of {call.module})"

    # --- first-party rule() --------------------------------------------------------------
    def _declare_rule(self, attrs: dict[str, Any], executable: Any, test: Any) -> int:
        types: dict[str, AttrType] = {}
        mandatory: set[str] = set()
        for name, definition in attrs.items():
            if name.startswith("_"):
                continue
            kind = definition.get("__attr__") if isinstance(definition, dict) else None
            types[name] = _ATTR_KINDS.get(str(kind), AttrType.ANY)
            if isinstance(definition, dict) and definition.get("mandatory"):
                mandatory.add(name)
        self.declared_rules.append(
            DeclaredRule(
                file=self._current_file,
                attrs=types,
                mandatory=frozenset(mandatory),
                test=bool(test),
                executable=bool(executable),
            )
        )
        return len(self.declared_rules) - 1

    def _name_declared_rules(self, first: int, text: str) -> None:
        names = _RULE_ASSIGNMENT.findall(text)
        declared = self.declared_rules[first:]
        if len(names) == len(declared):
            for rule, name in zip(declared, names, strict=True):
                rule.kind = name

    def _instantiate_rule(self, rule_id: int, kwargs: dict[str, Any]) -> None:
        rule = self.declared_rules[rule_id]
        self._record(rule.spec(), rule.kind, f"rule() in {rule.file}", **kwargs)

    # --- native helpers ------------------------------------------------------------------
    def _label(self, value: Any, file_package: str) -> dict[str, str]:
        text = plain(value)
        try:
            return label_fields(parse_label(text, file_package, self.main_repo_names))
        except LabelError as error:
            raise EvalError(f"Label({text!r}): {error}") from error

    def _package_relative_label(self, value: Any) -> dict[str, str]:
        return self._label(value, self._require_package("package_relative_label"))

    def _glob(
        self,
        include: list[str] | None = None,
        exclude: list[str] | None = None,
        exclude_directories: int = 1,
        allow_empty: bool | None = None,
    ) -> list[str]:
        package = self._require_package("glob")
        found = self.repo.glob(package, list(include or []), list(exclude or []))
        if not found and allow_empty is not True:
            self.problem(
                self._build_file,
                f"//{package}",
                f"glob({include!r}) matches no files (Bazel 8 fails on an empty glob "
                "unless allow_empty = True)",
            )
        del exclude_directories
        return found

    def _existing_rules(self) -> dict[str, dict[str, Any]]:
        package = self._require_package("existing_rules")
        return {
            t.name: {"name": t.name, "kind": t.kind, **t.attrs}
            for t in self.targets.values()
            if t.package == package
        }

    def _existing_rule(self, name: str) -> dict[str, Any] | None:
        return self._existing_rules().get(name)

    def _exports_files(self, srcs: list[str], visibility: Any = None, licenses: Any = None) -> None:
        package = self._require_package("exports_files")
        del visibility, licenses
        for src in srcs:
            path = f"{package}/{src}" if package else src
            if path not in self.repo.file_set:
                self.problem(
                    self._build_file, f"//{package}:{src}", f"exports_files: no file {path}"
                )
            self.exported_files.add(path)

    def _package_group(self, name: str, packages: Any = None, includes: Any = None) -> None:
        del packages, includes
        package = self._require_package("package_group")
        target = Target("package_group", package, name, {"name": name}, self._build_file)
        self._add_target(target, [], "")

    # --- the gear list -------------------------------------------------------------------
    def _gear_list(self) -> list[str] | None:
        """GEARS from tools/bazel/gears.bzl (read before freezing: frozen modules can't be read)."""
        if GEARS_BZL not in self.repo.file_set:
            return None
        package = self.repo.package_of(GEARS_BZL) or ""
        try:
            text = (self.repo.root / GEARS_BZL).read_text(encoding="utf-8")
            ast = sl.parse(GEARS_BZL, text, DIALECT)
            m = self._new_module(prelude.bzl_prelude(), package)
            sl.eval(m, ast, GLOBALS, self._file_loader(GEARS_BZL, package, ast, is_build=False))
            value = m["GEARS"]
        except (sl.StarlarkError, EvalError, OSError, KeyError) as error:
            self.problem(GEARS_BZL, "", f"cannot read GEARS: {_first_lines(error)}")
            return None
        if not _is_str_list(value):
            self.problem(GEARS_BZL, "", f"GEARS must be a list of folder names, got {value!r}")
            return None
        return list(value)


def _first_lines(error: BaseException) -> str:
    """A Starlark error in one line: the message and its location, without traceback or art."""
    lines = [line.strip() for line in str(error).strip().splitlines() if line.strip()]
    keep = [line for line in lines if line.startswith(("error", "-->"))]
    return " ".join(keep) if keep else " ".join(lines)
