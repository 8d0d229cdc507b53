"""What our Bazel files may load from outside the repository, read from the rule sets' source.

Every spec names the repository, tag and files it was read from (`read_from`); the rule sets
and their tags are in rule_sets.py, and MODULE.bazel must pin exactly those versions:

- rules_python 2.3.2: python/private/attributes.bzl, py_executable.bzl, py_library.bzl,
  python.bzl (module extension `python`), pypi/extension.bzl, pypi/attrs.bzl,
  pypi/pip_repository_attrs.bzl, auth.bzl (module extension `pip`)
- rules_oci 2.3.0 (tag v2.3.0): oci/defs.bzl (macros), oci/private/{image,image_index,push,
  load}.bzl, oci/extensions.bzl
- tar.bzl 0.10.5, bazel_lib 3.7.1, bazel_skylib 1.9.2 (read at 1.9.1), rules_multirun 0.14.0,
  container_structure_test 1.22.1 (read at v1.22.0), rules_shell 0.6.1, platforms 1.1.0:
  the files named below and in rule_stubs_small.py
- gazelle 0.53.0: def.bzl (rule_stubs_gazelle.py)

Each entry names the attributes a call may pass (macro parameters plus the wrapped rule's
attributes plus Bazel's common attributes) and which ones it must pass. Private attributes
(`_foo`) are left out: a BUILD file cannot set them. Bazel's own rules are in native_rules.py,
module extensions in stub_extensions.py.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping

from buildcheck.native_rules import NATIVE_RULES, REFUSED_NATIVE_RULES
from buildcheck.rule_sets import RULE_SET_VERSIONS, RULE_SETS
from buildcheck.rule_specs import (
    BINARY_ATTRS,
    COMMON_ATTRS,
    TEST_ATTRS,
    AttrType,
    ExtensionSpec,
    RuleSpec,
    TagSpec,
    ValueSpec,
    rule_spec,
)
from buildcheck.rule_stubs_gazelle import GAZELLE_LOADS
from buildcheck.rule_stubs_small import (
    COMMAND,
    CONTAINER_STRUCTURE_TEST,
    MULTIRUN,
    SH_BINARY,
    SH_LIBRARY,
    SH_TEST,
)
from buildcheck.stub_extensions import EXTENSIONS

__all__ = [
    "BINARY_ATTRS",
    "COMMON_ATTRS",
    "EXTENSIONS",
    "LOADS",
    "NATIVE_RULES",
    "PLATFORMS_TARGETS",
    "REFUSED_NATIVE_RULES",
    "RULE_SETS",
    "RULE_SET_VERSIONS",
    "TEST_ATTRS",
    "AttrType",
    "ExtensionSpec",
    "RuleSpec",
    "TagSpec",
    "ValueSpec",
    "did_you_mean",
    "normalize_load",
]

T = AttrType
_PYTHON = RULE_SETS["rules_python"]
_OCI = RULE_SETS["rules_oci"]
_TAR_FILES = RULE_SETS["tar.bzl"].files("tar/tar.bzl", "tar/mtree.bzl", "tar/private/tar.bzl")
_BAZEL_LIB_FILES = RULE_SETS["bazel_lib"].files(
    "lib/transitions.bzl", "lib/expand_template.bzl", "lib/copy_file.bzl"
)
_SKYLIB_FILES = RULE_SETS["bazel_skylib"].files(
    "rules/build_test.bzl", "rules/write_file.bzl", "rules/copy_file.bzl"
)

# --- rules_python 2.3.2 -------------------------------------------------------------------
# COMMON_ATTRS (data, distribs, licenses) + PY_SRCS_ATTRS + IMPORTS_ATTRS (attributes.bzl).
_PY_SRCS: Mapping[str, AttrType] = {
    "data": T.LABEL_LIST,
    "deps": T.LABEL_LIST,
    "srcs": T.LABEL_LIST,
    "imports": T.STRING_LIST,
    "precompile": T.STRING,
    "precompile_invalidation_mode": T.STRING,
    "precompile_optimize_level": T.INT,
    "precompile_source_retention": T.STRING,
    "pyi_deps": T.LABEL_LIST,
    "pyi_srcs": T.LABEL_LIST,
    "srcs_version": T.STRING,
}
# EXECUTABLE_ATTRS (py_executable.bzl) beyond the sources: AGNOSTIC_EXECUTABLE_ATTRS and own.
_PY_EXECUTABLE: Mapping[str, AttrType] = {
    **_PY_SRCS,
    "config_settings": T.LABEL_KEYED_DICT,
    "env": T.STRING_DICT,
    "stamp": T.INT,
    "interpreter_args": T.STRING_LIST,
    "legacy_create_init": T.ANY,  # int, or a bool the macro converts
    "main": T.LABEL,
    "main_module": T.STRING,
    "pyc_collection": T.STRING,
    "python_version": T.STRING,
}
PY_LIBRARY = rule_spec(
    "py_library",
    {
        **_PY_SRCS,
        "experimental_venvs_site_packages": T.LABEL,
        "namespace_package_files": T.LABEL_LIST,
    },
    read_from=_PYTHON.files("python/private/attributes.bzl", "python/private/py_library.bzl"),
)
PY_BINARY = rule_spec(
    "py_binary",
    _PY_EXECUTABLE,
    executable=True,
    read_from=_PYTHON.files("python/private/attributes.bzl", "python/private/py_executable.bzl"),
)
PY_TEST = rule_spec(
    "py_test",
    {**_PY_EXECUTABLE, "env_inherit": T.STRING_LIST},
    test=True,
    read_from=_PYTHON.files("python/private/attributes.bzl", "python/private/py_executable.bzl"),
)

# --- rules_oci 2.3.0 ----------------------------------------------------------------------
# oci_image(name, created, labels, annotations, env, cmd, entrypoint, exposed_ports, volumes,
# **kwargs) wraps oci_image_rule (base, tars, user, workdir, os, architecture, variant,
# resource_set) and adds `<name>.digest`.
OCI_IMAGE = rule_spec(
    "oci_image",
    {
        "base": T.LABEL,
        "tars": T.LABEL_LIST,
        "created": T.LABEL,
        "labels": T.DICT_OR_LABEL,
        "annotations": T.DICT_OR_LABEL,
        "env": T.DICT_OR_LABEL,
        "cmd": T.LIST_OR_LABEL,
        "entrypoint": T.LIST_OR_LABEL,
        "exposed_ports": T.LIST_OR_LABEL,
        "volumes": T.LIST_OR_LABEL,
        "user": T.STRING,
        "workdir": T.STRING,
        "os": T.STRING,
        "architecture": T.STRING,
        "variant": T.STRING,
        "resource_set": T.STRING,
    },
    extra_targets=("{name}.digest",),
    read_from=_OCI.files("oci/defs.bzl", "oci/private/image.bzl"),
)
# oci_image_index(name, **kwargs) at v2.3.0 (the `annotations` parameter came after it).
OCI_IMAGE_INDEX = rule_spec(
    "oci_image_index",
    {"images": T.LABEL_LIST, "platforms": T.LABEL_LIST},
    ("images",),
    extra_targets=("{name}.digest",),
    read_from=_OCI.files("oci/defs.bzl", "oci/private/image_index.bzl"),
)
# oci_push(name, remote_tags = None, **kwargs): `image` is mandatory in oci_push_rule.
OCI_PUSH = rule_spec(
    "oci_push",
    {
        "image": T.LABEL,
        "repository": T.STRING,
        "repository_file": T.LABEL,
        "remote_tags": T.LIST_OR_LABEL,
    },
    ("image",),
    executable=True,
    extra_targets=("{name}_write_tags",),
    read_from=_OCI.files("oci/defs.bzl", "oci/private/push.bzl"),
)
# oci_load(name, repo_tags = None, **kwargs): `image` and `repo_tags` are mandatory in the rule.
OCI_LOAD = rule_spec(
    "oci_load",
    {
        "image": T.LABEL,
        "repo_tags": T.LIST_OR_LABEL,
        "format": T.STRING,
        "loader": T.LABEL,
    },
    ("image", "repo_tags"),
    executable=True,
    extra_targets=("{name}_write_tags",),
    read_from=_OCI.files("oci/defs.bzl", "oci/private/load.bzl"),
)

# --- tar.bzl 0.10.5 -----------------------------------------------------------------------
# mtree_mutate(name, mtree, srcs, preserve_symlinks, strip_prefix, package_dir, mtime, owner,
# ownername, awk_script, script_args, includes, **kwargs -> group, groupname, common).
_MTREE_MUTATE_ARGS: Mapping[str, AttrType] = {
    "srcs": T.LABEL_LIST,
    "preserve_symlinks": T.BOOL,
    "strip_prefix": T.STRING,
    "package_dir": T.STRING,
    "mtime": T.ANY,
    "owner": T.STRING,
    "ownername": T.STRING,
    "group": T.STRING,
    "groupname": T.STRING,
    "awk_script": T.LABEL,
    "script_args": T.STRING_DICT,
    "includes": T.LABEL_LIST,
}
MTREE_MUTATE = rule_spec(
    "mtree_mutate",
    {"mtree": T.LABEL, **_MTREE_MUTATE_ARGS},
    ("mtree",),
    extra_targets=("{name}.mtree",),
    read_from=_TAR_FILES,
)
MTREE_SPEC = rule_spec(
    "mtree_spec",
    {"srcs": T.LABEL_LIST, "out": T.OUTPUT, "include_runfiles": T.BOOL},
    read_from=_TAR_FILES,
)
# tar(name, mtree = "auto", mutate = None, include_runfiles = None, stamp = 0, **kwargs) wraps
# tar_rule (args, srcs, mode, out, compress, compressor, compressor_args, compute_unused_inputs).
# include_runfiles: tar/tar.bzl at v0.10.5 passes it to mtree_spec when mtree is "auto" (None
# means True there: an executable's runfiles are packed); the gear launcher's layer sets False.
TAR = rule_spec(
    "tar",
    {
        "mtree": T.ANY,  # "auto", a list of mtree lines, or a label
        "mutate": T.ANY,  # the value of mutate(...)
        "include_runfiles": T.BOOL,
        "stamp": T.INT,
        "args": T.STRING_LIST,
        "srcs": T.LABEL_LIST,
        "mode": T.STRING,
        "out": T.OUTPUT,
        "compress": T.STRING,
        "compressor": T.LABEL,
        "compressor_args": T.STRING,
        "compute_unused_inputs": T.INT,
    },
    extra_targets=("{name}_mtree", "{name}__mutated"),
    read_from=_TAR_FILES,
)
TAR_RULE = rule_spec(
    "tar_rule",
    {k: v for k, v in TAR.attrs.items() if k not in ("mutate", "include_runfiles", "stamp")},
    ("mtree",),
    read_from=_TAR_FILES,
)
MUTATE = ValueSpec("mutate", _MTREE_MUTATE_ARGS, read_from=_TAR_FILES)

# --- bazel_lib 3.7.1 ----------------------------------------------------------------------
PLATFORM_TRANSITION_FILEGROUP = rule_spec(
    "platform_transition_filegroup",
    {"srcs": T.LABEL_LIST, "target_platform": T.LABEL},
    ("target_platform",),
    read_from=_BAZEL_LIB_FILES,
)
_PLATFORM_TRANSITION_BINARY_ATTRS: Mapping[str, AttrType] = {
    "basename": T.STRING,
    "binary": T.LABEL,
    "target_platform": T.LABEL,
}
PLATFORM_TRANSITION_BINARY = rule_spec(
    "platform_transition_binary",
    _PLATFORM_TRANSITION_BINARY_ATTRS,
    ("target_platform",),
    executable=True,
    read_from=_BAZEL_LIB_FILES,
)
PLATFORM_TRANSITION_TEST = rule_spec(
    "platform_transition_test",
    _PLATFORM_TRANSITION_BINARY_ATTRS,
    ("target_platform",),
    test=True,
    read_from=_BAZEL_LIB_FILES,
)
# expand_template(name, template, **kwargs): template is a label or a list of lines.
EXPAND_TEMPLATE = rule_spec(
    "expand_template",
    {
        "template": T.LIST_OR_LABEL,
        "data": T.LABEL_LIST,
        "is_executable": T.BOOL,
        "out": T.OUTPUT,
        "stamp_substitutions": T.STRING_DICT,
        "substitutions": T.STRING_DICT,
        "stamp": T.INT,
    },
    ("template",),
    extra_targets=("{name}_tmpl",),
    read_from=_BAZEL_LIB_FILES,
)
_COPY_FILE_ATTRS: Mapping[str, AttrType] = {
    "src": T.LABEL,
    "out": T.OUTPUT,
    "is_executable": T.BOOL,
    "allow_symlink": T.BOOL,
}
BAZEL_LIB_COPY_FILE = rule_spec(
    "copy_file", _COPY_FILE_ATTRS, ("src", "out"), read_from=_BAZEL_LIB_FILES
)

# --- bazel_skylib 1.9.2 -------------------------------------------------------------------
# build_test(name, targets, **kwargs): test common attributes; `data` is refused.
BUILD_TEST = rule_spec(
    "build_test", {"targets": T.LABEL_LIST}, ("targets",), test=True, read_from=_SKYLIB_FILES
)
WRITE_FILE = rule_spec(
    "write_file",
    {
        "out": T.OUTPUT,
        "content": T.STRING_LIST,
        "is_executable": T.BOOL,
        "newline": T.STRING,
    },
    ("out",),
    read_from=_SKYLIB_FILES,
)
SKYLIB_COPY_FILE = rule_spec("copy_file", _COPY_FILE_ATTRS, ("src", "out"), read_from=_SKYLIB_FILES)


_PY_ALL = {"py_binary": PY_BINARY, "py_library": PY_LIBRARY, "py_test": PY_TEST}
_OCI_DEFS = {
    "oci_image": OCI_IMAGE,
    "oci_image_index": OCI_IMAGE_INDEX,
    "oci_push": OCI_PUSH,
    "oci_load": OCI_LOAD,
}
_TAR_REEXPORTS: dict[str, RuleSpec | ValueSpec] = {
    "tar": TAR,
    "mtree_spec": MTREE_SPEC,
    "mtree_mutate": MTREE_MUTATE,
    "mutate": MUTATE,
}
_MULTIRUN = {"multirun": MULTIRUN, "command": COMMAND}

# Load path (as written, after `@repo` -> `@repo//:repo.bzl`) -> symbol -> spec.
LOADS: Mapping[str, Mapping[str, RuleSpec | ValueSpec]] = {
    "@rules_python//python:py_binary.bzl": {"py_binary": PY_BINARY},
    "@rules_python//python:py_library.bzl": {"py_library": PY_LIBRARY},
    "@rules_python//python:py_test.bzl": {"py_test": PY_TEST},
    "@rules_python//python:defs.bzl": _PY_ALL,
    "@rules_oci//oci:defs.bzl": _OCI_DEFS,
    "@tar.bzl//:tar.bzl": _TAR_REEXPORTS,
    "@tar.bzl//tar:tar.bzl": {"tar": TAR, "tar_rule": TAR_RULE},
    "@tar.bzl//tar:mtree.bzl": {
        "mtree_spec": MTREE_SPEC,
        "mtree_mutate": MTREE_MUTATE,
        "mutate": MUTATE,
    },
    "@bazel_lib//lib:transitions.bzl": {
        "platform_transition_filegroup": PLATFORM_TRANSITION_FILEGROUP,
        "platform_transition_binary": PLATFORM_TRANSITION_BINARY,
        "platform_transition_test": PLATFORM_TRANSITION_TEST,
    },
    "@bazel_lib//lib:expand_template.bzl": {"expand_template": EXPAND_TEMPLATE},
    "@bazel_lib//lib:copy_file.bzl": {"copy_file": BAZEL_LIB_COPY_FILE},
    "@bazel_skylib//rules:build_test.bzl": {"build_test": BUILD_TEST},
    "@bazel_skylib//rules:write_file.bzl": {"write_file": WRITE_FILE},
    "@bazel_skylib//rules:copy_file.bzl": {"copy_file": SKYLIB_COPY_FILE},
    "@rules_multirun//:defs.bzl": _MULTIRUN,
    "@container_structure_test//:defs.bzl": {"container_structure_test": CONTAINER_STRUCTURE_TEST},
    "@rules_shell//shell:sh_binary.bzl": {"sh_binary": SH_BINARY},
    "@rules_shell//shell:sh_test.bzl": {"sh_test": SH_TEST},
    "@rules_shell//shell:sh_library.bzl": {"sh_library": SH_LIBRARY},
    **GAZELLE_LOADS,
}

# Targets of external repositories that labels may name (checked only for these repos).
PLATFORMS_TARGETS: frozenset[str] = frozenset(
    [f"//os:{os_name}" for os_name in ("linux", "macos", "osx", "windows", "freebsd", "none")]
    + [f"//cpu:{cpu}" for cpu in ("x86_64", "aarch64", "arm64", "x86_32", "arm", "s390x")]
    + ["//os:os", "//cpu:cpu", "//host:host"]
)


def normalize_load(module_id: str) -> str:
    """`@tar.bzl` -> `@tar.bzl//:tar.bzl`; `@@repo//...` -> `@repo//...`; others unchanged."""
    label = module_id[1:] if module_id.startswith("@@") else module_id
    if label.startswith("@") and "//" not in label:
        repo = label[1:]
        return f"@{repo}//:{repo}.bzl"
    return label


def did_you_mean(attr: str, known: Iterable[str]) -> str:
    """`; did you mean `x`?` for the closest known attribute name, or ""."""
    names = sorted(known)
    close = difflib.get_close_matches(attr, names, n=1)
    close = close or sorted((n for n in names if n.startswith(attr)), key=len)
    return f"; did you mean `{close[0]}`?" if close else ""
