"""What our Bazel files may load from outside the repository, read from the rule sets' source.

Versions (the pins in MODULE.bazel; every attribute below was read at these tags):

- Bazel 8 built-ins: common attributes, genrule, filegroup, alias, test_suite, platform, ...
- rules_python 2.3.2: python/private/attributes.bzl, py_executable.bzl, py_library.bzl,
  python.bzl (module extension `python`), pypi/extension.bzl, pypi/attrs.bzl,
  pypi/pip_repository_attrs.bzl, auth.bzl (module extension `pip`)
- rules_oci 2.3.2: oci/defs.bzl (macros), oci/private/{image,push,load}.bzl, oci/extensions.bzl
- tar.bzl 0.10.5: tar/tar.bzl, tar/mtree.bzl, tar/private/tar.bzl
- bazel_lib 3.7.1: lib/transitions.bzl, lib/expand_template.bzl, lib/copy_file.bzl
- bazel_skylib 1.9.2 (read at tag 1.9.1, its BCR patch release's source): rules/build_test.bzl,
  rules/write_file.bzl, rules/copy_file.bzl
- rules_multirun 0.14.0: defs.bzl, multirun.bzl, command.bzl
- container_structure_test 1.22.1 (source tag v1.22.0): defs.bzl, bazel/container_structure_test.bzl
- rules_shell 0.6.1 (no bazel_dep now; the sh_* rules need it): shell/private/sh_executable.bzl,
  sh_library.bzl
- platforms 1.1.0: os/BUILD, cpu/BUILD

Each entry names the attributes a call may pass (macro parameters plus the wrapped rule's
attributes plus Bazel's common attributes) and which ones it must pass. Private attributes
(`_foo`) are left out: a BUILD file cannot set them.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum

RULE_SET_VERSIONS: Mapping[str, str] = {
    "rules_python": "2.3.2",
    "rules_oci": "2.3.2",
    "tar.bzl": "0.10.5",
    "bazel_lib": "3.7.1",
    "bazel_skylib": "1.9.2",
    "rules_multirun": "0.14.0",
    "container_structure_test": "1.22.1",
    "rules_shell": "0.6.1",
    "platforms": "1.1.0",
}


class AttrType(Enum):
    """The shape of an attribute value, as far as the checks need it."""

    LABEL = "label"
    LABEL_LIST = "label_list"
    LABEL_KEYED_DICT = "label_keyed_string_dict"
    OUTPUT = "output"
    OUTPUT_LIST = "output_list"
    STRING = "string"
    STRING_LIST = "string_list"
    STRING_DICT = "string_dict"
    STRING_LIST_DICT = "string_list_dict"
    INT = "int"
    BOOL = "bool"
    LIST_OR_LABEL = "list_or_label"  # rules_oci macros: a list of strings or a file label
    DICT_OR_LABEL = "dict_or_label"  # rules_oci macros: a dict of strings or a file label
    ANY = "any"


T = AttrType


@dataclass(frozen=True)
class RuleSpec:
    """A rule or macro: the attributes it accepts and the ones it requires."""

    kind: str
    attrs: Mapping[str, AttrType]
    mandatory: frozenset[str] = frozenset()
    # Extra targets the macro makes, as templates over the name, e.g. "{name}.digest".
    extra_targets: tuple[str, ...] = ()
    is_test: bool = False
    is_executable: bool = False


@dataclass(frozen=True)
class ValueSpec:
    """A function that returns a value instead of declaring a target (tar.bzl's `mutate`)."""

    kind: str
    attrs: Mapping[str, AttrType]


@dataclass(frozen=True)
class TagSpec:
    """A module extension tag class (`checked=False`: attributes not listed, so not checked)."""

    attrs: Mapping[str, AttrType]
    mandatory: frozenset[str] = frozenset()
    checked: bool = True


@dataclass(frozen=True)
class ExtensionSpec:
    """A module extension: its tag classes."""

    load: str
    name: str
    tags: Mapping[str, TagSpec] = field(default_factory=dict)


# Bazel 8, "Common definitions": attributes every rule accepts.
COMMON_ATTRS: Mapping[str, AttrType] = {
    "name": T.STRING,
    "visibility": T.LABEL_LIST,
    "tags": T.STRING_LIST,
    "testonly": T.BOOL,
    "deprecation": T.STRING,
    "features": T.STRING_LIST,
    "compatible_with": T.LABEL_LIST,
    "restricted_to": T.LABEL_LIST,
    "target_compatible_with": T.LABEL_LIST,
    "exec_compatible_with": T.LABEL_LIST,
    "exec_group_compatible_with": T.ANY,
    "exec_properties": T.STRING_DICT,
    "toolchains": T.LABEL_LIST,
    "aspect_hints": T.LABEL_LIST,
    "applicable_licenses": T.LABEL_LIST,
    "package_metadata": T.LABEL_LIST,
    "licenses": T.STRING_LIST,
    "distribs": T.STRING_LIST,
}
# Attributes of every test rule.
TEST_ATTRS: Mapping[str, AttrType] = {
    "args": T.STRING_LIST,
    "env": T.STRING_DICT,
    "env_inherit": T.STRING_LIST,
    "size": T.STRING,
    "timeout": T.STRING,
    "flaky": T.BOOL,
    "shard_count": T.INT,
    "local": T.BOOL,
}
# Attributes of every executable (binary) rule.
BINARY_ATTRS: Mapping[str, AttrType] = {
    "args": T.STRING_LIST,
    "env": T.STRING_DICT,
    "output_licenses": T.STRING_LIST,
}


def _rule(
    kind: str,
    own: Mapping[str, AttrType],
    mandatory: tuple[str, ...] = (),
    *,
    test: bool = False,
    executable: bool = False,
    extra_targets: tuple[str, ...] = (),
) -> RuleSpec:
    """A rule spec with Bazel's common (and test or binary) attributes added."""
    attrs = dict(COMMON_ATTRS)
    if test:
        attrs.update(TEST_ATTRS)
    elif executable:
        attrs.update(BINARY_ATTRS)
    attrs.update(own)
    return RuleSpec(
        kind=kind,
        attrs=attrs,
        mandatory=frozenset(("name", *mandatory)),
        extra_targets=extra_targets,
        is_test=test,
        is_executable=executable or test,
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
PY_LIBRARY = _rule(
    "py_library",
    {
        **_PY_SRCS,
        "experimental_venvs_site_packages": T.LABEL,
        "namespace_package_files": T.LABEL_LIST,
    },
)
PY_BINARY = _rule("py_binary", _PY_EXECUTABLE, executable=True)
PY_TEST = _rule("py_test", {**_PY_EXECUTABLE, "env_inherit": T.STRING_LIST}, test=True)

# --- rules_oci 2.3.2 ----------------------------------------------------------------------
# oci_image(name, created, labels, annotations, env, cmd, entrypoint, exposed_ports, volumes,
# **kwargs) wraps oci_image_rule (base, tars, user, workdir, os, architecture, variant,
# resource_set) and adds `<name>.digest`.
OCI_IMAGE = _rule(
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
)
OCI_IMAGE_INDEX = _rule(
    "oci_image_index",
    {"images": T.LABEL_LIST, "platforms": T.LABEL_LIST, "annotations": T.DICT_OR_LABEL},
    ("images",),
    extra_targets=("{name}.digest",),
)
# oci_push(name, remote_tags = None, **kwargs): `image` is mandatory in oci_push_rule.
OCI_PUSH = _rule(
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
)
# oci_load(name, repo_tags = None, **kwargs): `image` and `repo_tags` are mandatory in the rule.
OCI_LOAD = _rule(
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
MTREE_MUTATE = _rule(
    "mtree_mutate",
    {"mtree": T.LABEL, **_MTREE_MUTATE_ARGS},
    ("mtree",),
    extra_targets=("{name}.mtree",),
)
MTREE_SPEC = _rule(
    "mtree_spec",
    {"srcs": T.LABEL_LIST, "out": T.OUTPUT, "include_runfiles": T.BOOL},
)
# tar(name, mtree = "auto", mutate = None, include_runfiles = None, stamp = 0, **kwargs) wraps
# tar_rule (args, srcs, mode, out, compress, compressor, compressor_args, compute_unused_inputs).
TAR = _rule(
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
)
TAR_RULE = _rule(
    "tar_rule",
    {k: v for k, v in TAR.attrs.items() if k not in ("mutate", "include_runfiles", "stamp")},
    ("mtree",),
)
MUTATE = ValueSpec("mutate", _MTREE_MUTATE_ARGS)

# --- bazel_lib 3.7.1 ----------------------------------------------------------------------
PLATFORM_TRANSITION_FILEGROUP = _rule(
    "platform_transition_filegroup",
    {"srcs": T.LABEL_LIST, "target_platform": T.LABEL},
    ("target_platform",),
)
_PLATFORM_TRANSITION_BINARY_ATTRS: Mapping[str, AttrType] = {
    "basename": T.STRING,
    "binary": T.LABEL,
    "target_platform": T.LABEL,
}
PLATFORM_TRANSITION_BINARY = _rule(
    "platform_transition_binary",
    _PLATFORM_TRANSITION_BINARY_ATTRS,
    ("target_platform",),
    executable=True,
)
PLATFORM_TRANSITION_TEST = _rule(
    "platform_transition_test",
    _PLATFORM_TRANSITION_BINARY_ATTRS,
    ("target_platform",),
    test=True,
)
# expand_template(name, template, **kwargs): template is a label or a list of lines.
EXPAND_TEMPLATE = _rule(
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
)
_COPY_FILE_ATTRS: Mapping[str, AttrType] = {
    "src": T.LABEL,
    "out": T.OUTPUT,
    "is_executable": T.BOOL,
    "allow_symlink": T.BOOL,
}
BAZEL_LIB_COPY_FILE = _rule("copy_file", _COPY_FILE_ATTRS, ("src", "out"))

# --- bazel_skylib 1.9.2 -------------------------------------------------------------------
# build_test(name, targets, **kwargs): test common attributes; `data` is refused.
BUILD_TEST = _rule("build_test", {"targets": T.LABEL_LIST}, ("targets",), test=True)
WRITE_FILE = _rule(
    "write_file",
    {
        "out": T.OUTPUT,
        "content": T.STRING_LIST,
        "is_executable": T.BOOL,
        "newline": T.STRING,
    },
    ("out",),
)
SKYLIB_COPY_FILE = _rule("copy_file", _COPY_FILE_ATTRS, ("src", "out"))

# --- rules_multirun 0.14.0 ----------------------------------------------------------------
MULTIRUN = _rule(
    "multirun",
    {
        "commands": T.LABEL_LIST,
        "data": T.LABEL_LIST,
        "jobs": T.INT,
        "print_command": T.BOOL,
        "keep_going": T.BOOL,
        "buffer_output": T.BOOL,
        "forward_stdin": T.BOOL,
    },
    executable=True,
)
COMMAND = _rule(
    "command",
    {
        "command": T.LABEL,
        "arguments": T.STRING_LIST,
        "data": T.LABEL_LIST,
        "environment": T.STRING_DICT,
        "description": T.STRING,
        "run_from_workspace_root": T.BOOL,
    },
    ("command",),
    executable=True,
)

# --- container_structure_test 1.22.1 ------------------------------------------------------
CONTAINER_STRUCTURE_TEST = _rule(
    "container_structure_test",
    {
        "image": T.LABEL,
        "configs": T.LABEL_LIST,
        "driver": T.STRING,
        "platform": T.STRING,
    },
    ("configs",),
    test=True,
)

# --- rules_shell 0.6.1 --------------------------------------------------------------------
_SH_EXECUTABLE: Mapping[str, AttrType] = {
    "srcs": T.LABEL_LIST,
    "data": T.LABEL_LIST,
    "deps": T.LABEL_LIST,
    "env": T.STRING_DICT,
    "env_inherit": T.STRING_LIST,
    "use_bash_launcher": T.BOOL,
}
SH_BINARY = _rule("sh_binary", _SH_EXECUTABLE, executable=True)
SH_TEST = _rule("sh_test", _SH_EXECUTABLE, test=True)
SH_LIBRARY = _rule("sh_library", {"srcs": T.LABEL_LIST, "data": T.LABEL_LIST, "deps": T.LABEL_LIST})

# --- Bazel 8 built-in rules (BUILD files and native.*) ------------------------------------
GENRULE = _rule(
    "genrule",
    {
        "srcs": T.LABEL_LIST,
        "outs": T.OUTPUT_LIST,
        "cmd": T.STRING,
        "cmd_bash": T.STRING,
        "cmd_bat": T.STRING,
        "cmd_ps": T.STRING,
        "tools": T.LABEL_LIST,
        "executable": T.BOOL,
        "local": T.BOOL,
        "message": T.STRING,
        "output_licenses": T.STRING_LIST,
        "output_to_bindir": T.BOOL,
    },
    ("outs",),
)
FILEGROUP = _rule(
    "filegroup",
    {"srcs": T.LABEL_LIST, "data": T.LABEL_LIST, "output_group": T.STRING},
)
ALIAS = _rule("alias", {"actual": T.LABEL}, ("actual",))
TEST_SUITE = _rule("test_suite", {"tests": T.LABEL_LIST})
CONFIG_SETTING = _rule(
    "config_setting",
    {
        "values": T.STRING_DICT,
        "define_values": T.STRING_DICT,
        "flag_values": T.LABEL_KEYED_DICT,
        "constraint_values": T.LABEL_LIST,
    },
)
PLATFORM = _rule(
    "platform",
    {
        "constraint_values": T.LABEL_LIST,
        "parents": T.LABEL_LIST,
        "flags": T.STRING_LIST,
        "required_settings": T.LABEL_LIST,
        "missing_toolchain_error": T.STRING,
    },
)
CONSTRAINT_SETTING = _rule("constraint_setting", {"default_constraint_value": T.LABEL})
CONSTRAINT_VALUE = _rule(
    "constraint_value", {"constraint_setting": T.LABEL}, ("constraint_setting",)
)

NATIVE_RULES: Mapping[str, RuleSpec] = {
    spec.kind: spec
    for spec in (
        GENRULE,
        FILEGROUP,
        ALIAS,
        TEST_SUITE,
        CONFIG_SETTING,
        PLATFORM,
        CONSTRAINT_SETTING,
        CONSTRAINT_VALUE,
    )
}
# Native rules that must come from a rule set (.bazelrc sets
# --incompatible_python_disallow_native_rules; Bazel 9 drops the native sh_* rules).
REFUSED_NATIVE_RULES: Mapping[str, str] = {
    "py_library": "@rules_python//python:py_library.bzl",
    "py_binary": "@rules_python//python:py_binary.bzl",
    "py_test": "@rules_python//python:py_test.bzl",
    "sh_binary": "@rules_shell//shell:sh_binary.bzl",
    "sh_test": "@rules_shell//shell:sh_test.bzl",
    "sh_library": "@rules_shell//shell:sh_library.bzl",
}

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
}

# Targets of external repositories that labels may name (checked only for these repos).
PLATFORMS_TARGETS: frozenset[str] = frozenset(
    [f"//os:{os_name}" for os_name in ("linux", "macos", "osx", "windows", "freebsd", "none")]
    + [f"//cpu:{cpu}" for cpu in ("x86_64", "aarch64", "arm64", "x86_32", "arm", "s390x")]
    + ["//os:os", "//cpu:cpu", "//host:host"]
)

# --- Module extensions ----------------------------------------------------------------------
_UNCHECKED = TagSpec({}, checked=False)
_PYTHON_TOOLCHAIN = TagSpec(
    {
        "python_version": T.STRING,
        "is_default": T.BOOL,
        "configure_coverage_tool": T.BOOL,
        "ignore_root_user_error": T.BOOL,
    },
    frozenset({"python_version"}),
)
_PYTHON_DEFAULTS = TagSpec(
    {
        "python_version": T.STRING,
        "python_version_env": T.STRING,
        "python_version_file": T.LABEL,
        "pyproject_toml": T.LABEL,
    }
)
_PIP_PARSE = TagSpec(
    {
        # pypi/extension.bzl _pip_parse_ext_attrs
        "experimental_extra_index_urls": T.STRING_LIST,
        "experimental_index_url": T.STRING,
        "experimental_index_url_overrides": T.STRING_DICT,
        "hub_name": T.STRING,
        "parallel_download": T.BOOL,
        "pyproject_toml": T.LABEL,
        "python_version": T.STRING,
        "simpleapi_skip": T.STRING_LIST,
        "target_platforms": T.STRING_LIST,
        "uv_lock": T.LABEL,
        "whl_modifications": T.LABEL_KEYED_DICT,
        # pypi/pip_repository_attrs.bzl ATTRS
        "experimental_requirement_cycles": T.STRING_LIST_DICT,
        "extra_hub_aliases": T.STRING_LIST_DICT,
        "requirements_by_platform": T.LABEL_KEYED_DICT,
        "requirements_darwin": T.LABEL,
        "requirements_linux": T.LABEL,
        "requirements_lock": T.LABEL,
        "requirements_windows": T.LABEL,
        "use_hub_alias_dependencies": T.BOOL,
        # pypi/attrs.bzl ATTRS
        "add_libdir_to_library_search_path": T.BOOL,
        "download_only": T.BOOL,
        "enable_implicit_namespace_pkgs": T.BOOL,
        "environment": T.STRING_DICT,
        "envsubst": T.STRING_LIST,
        "extra_pip_args": T.STRING_LIST,
        "isolated": T.BOOL,
        "pip_data_exclude": T.STRING_LIST,
        "python_interpreter": T.STRING,
        "python_interpreter_target": T.LABEL,
        "quiet": T.BOOL,
        "timeout": T.INT,
        # auth.bzl AUTH_ATTRS
        "auth_patterns": T.STRING_DICT,
        "netrc": T.STRING,
    },
    frozenset({"hub_name"}),
)
_PIP_DEFAULT = TagSpec(
    {
        "arch_name": T.STRING,
        "config_settings": T.LABEL_LIST,
        "default_hub": T.STRING,
        "env": T.STRING_DICT,
        "index_url": T.STRING,
        "marker": T.STRING,
        "os_name": T.STRING,
        "platform": T.STRING,
        "pyproject_toml": T.LABEL,
        "whl_abi_tags": T.STRING_LIST,
        "whl_platform_tags": T.STRING_LIST,
    }
)
_OCI_PULL = TagSpec(
    {
        "name": T.STRING,
        "www_authenticate_challenges": T.STRING_DICT,
        "registry": T.STRING,
        "repository": T.STRING,
        "image": T.STRING,
        "platforms": T.STRING_LIST,
        "digest": T.STRING,
        "tag": T.STRING,
        "reproducible": T.BOOL,
        "config": T.LABEL,
        "bazel_tags": T.STRING_LIST,
    },
    # `name` has no mandatory flag in the tag class, but the repository rule needs it.
    frozenset({"name"}),
)

EXTENSIONS: Mapping[tuple[str, str], ExtensionSpec] = {
    spec_key: spec
    for spec_key, spec in (
        (
            ("@rules_python//python/extensions:python.bzl", "python"),
            ExtensionSpec(
                "@rules_python//python/extensions:python.bzl",
                "python",
                {
                    "defaults": _PYTHON_DEFAULTS,
                    "toolchain": _PYTHON_TOOLCHAIN,
                    "override": _UNCHECKED,
                    "single_version_override": _UNCHECKED,
                    "single_version_platform_override": _UNCHECKED,
                },
            ),
        ),
        (
            ("@rules_python//python/extensions:pip.bzl", "pip"),
            ExtensionSpec(
                "@rules_python//python/extensions:pip.bzl",
                "pip",
                {
                    "parse": _PIP_PARSE,
                    "default": _PIP_DEFAULT,
                    "override": _UNCHECKED,
                    "whl_mods": _UNCHECKED,
                },
            ),
        ),
        (
            ("@rules_oci//oci:extensions.bzl", "oci"),
            ExtensionSpec(
                "@rules_oci//oci:extensions.bzl",
                "oci",
                {"pull": _OCI_PULL, "toolchains": TagSpec({"name": T.STRING})},
            ),
        ),
    )
}


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
