"""A MODULE.bazel file as the facts module resolution reads: module(), bazel_dep(), overrides.

Evaluated with Starlark (starlark-pyo3); every other MODULE.bazel call is accepted and ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import starlark as sl

_GLOBALS = sl.Globals.extended_by([sl.LibraryExtension.StructType, sl.LibraryExtension.Json])
_DIALECT = sl.Dialect.standard()
_TAG_CALL = re.compile(r"\.\s*([A-Za-z_][A-Za-z0-9_]*)\s*\(")

_PRELUDE = """
def _noop(*args, **kwargs):
    return None

def module(name = "", version = "", compatibility_level = 0, repo_name = "",
           bazel_compatibility = []):
    _py_module(name, version, compatibility_level, list(bazel_compatibility))

def bazel_dep(name, version = "", max_compatibility_level = -1, repo_name = "",
              dev_dependency = False):
    _py_bazel_dep(name, version, max_compatibility_level, dev_dependency)

def use_extension(extension_bzl_file, extension_name, dev_dependency = False, isolate = False):
    return struct(**{tag: _noop for tag in _TAG_NAMES})

def use_repo_rule(repo_rule_bzl_file, repo_rule_name):
    return _noop

def single_version_override(module_name, version = "", registry = "", patches = [],
                            patch_cmds = [], patch_strip = 0):
    _py_override("single_version", module_name, version, [])

def multiple_version_override(module_name, versions, registry = ""):
    _py_override("multiple_version", module_name, "", list(versions))

def archive_override(module_name, **kwargs):
    _py_override("archive", module_name, "", [])

def git_override(module_name, **kwargs):
    _py_override("git", module_name, "", [])

def local_path_override(module_name, path):
    _py_override("local_path", module_name, "", [])

def include(label):
    fail("include() is not followed by the module resolution check")

use_repo = _noop
register_toolchains = _noop
register_execution_platforms = _noop
inject_repo = _noop
override_repo = _noop
flag_alias = _noop
"""


class ModuleFileError(ValueError):
    """A MODULE.bazel that does not evaluate."""


@dataclass(frozen=True)
class Dep:
    """One bazel_dep."""

    name: str
    version: str
    max_compatibility_level: int = -1
    dev: bool = False


@dataclass(frozen=True)
class Override:
    """A root module override: single_version, multiple_version, archive, git, local_path."""

    kind: str
    version: str = ""
    versions: tuple[str, ...] = ()

    @property
    def from_registry(self) -> bool:
        """Whether the module still comes from the registry (not an archive, git or path)."""
        return self.kind in ("single_version", "multiple_version")


@dataclass
class ModuleFile:
    """What one MODULE.bazel says about resolution."""

    name: str = ""
    version: str = ""
    compatibility_level: int = 0
    bazel_compatibility: list[str] = field(default_factory=list)
    deps: list[Dep] = field(default_factory=list)
    overrides: dict[str, Override] = field(default_factory=dict)


def parse_module_file(text: str, filename: str = "MODULE.bazel") -> ModuleFile:
    """Evaluate a MODULE.bazel's text; raise ModuleFileError (one line) when it does not."""
    result = ModuleFile()

    def _module(name: str, version: str, level: int, compat: list[str]) -> None:
        result.name, result.version = name, version
        result.compatibility_level, result.bazel_compatibility = level, list(compat)

    def _bazel_dep(name: str, version: str, max_level: int, dev: bool) -> None:
        result.deps.append(Dep(name, version, max_level, dev))

    def _override(kind: str, name: str, version: str, versions: list[str]) -> None:
        result.overrides[name] = Override(kind, version, tuple(versions))

    module = sl.Module()
    module.add_callable("_py_module", _module)
    module.add_callable("_py_bazel_dep", _bazel_dep)
    module.add_callable("_py_override", _override)
    module["_TAG_NAMES"] = sorted(set(_TAG_CALL.findall(text)))
    try:
        sl.eval(module, sl.parse("<prelude>", _PRELUDE, _DIALECT), _GLOBALS)
        sl.eval(module, sl.parse(filename, text, _DIALECT), _GLOBALS)
    except sl.StarlarkError as error:
        first = str(error).strip().splitlines()
        raise ModuleFileError(f"{filename}: cannot evaluate: {' '.join(first[:2])}") from None
    return result
