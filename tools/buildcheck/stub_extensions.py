"""The module extensions MODULE.bazel may use, and their tag classes, read from the source."""

from __future__ import annotations

from collections.abc import Mapping

from buildcheck.rule_sets import RULE_SETS
from buildcheck.rule_specs import AttrType as T
from buildcheck.rule_specs import ExtensionSpec, TagSpec

_PYTHON = RULE_SETS["rules_python"]
_OCI = RULE_SETS["rules_oci"]
_UNCHECKED = TagSpec({}, checked=False)
_PYTHON_TOOLCHAIN = TagSpec(
    {
        "python_version": T.STRING,
        "is_default": T.BOOL,
        "configure_coverage_tool": T.BOOL,
        "ignore_root_user_error": T.BOOL,
    },
    frozenset({"python_version"}),
    read_from=_PYTHON.files("python/private/python.bzl"),
)
_PYTHON_DEFAULTS = TagSpec(
    {
        "python_version": T.STRING,
        "python_version_env": T.STRING,
        "python_version_file": T.LABEL,
        "pyproject_toml": T.LABEL,
    },
    read_from=_PYTHON.files("python/private/python.bzl"),
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
    read_from=_PYTHON.files(
        "python/private/pypi/extension.bzl",
        "python/private/pypi/pip_repository_attrs.bzl",
        "python/private/pypi/attrs.bzl",
        "python/private/auth.bzl",
    ),
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
    },
    read_from=_PYTHON.files("python/private/pypi/extension.bzl"),
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
    read_from=_OCI.files("oci/extensions.bzl"),
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
                {
                    "pull": _OCI_PULL,
                    "toolchains": TagSpec(
                        {"name": T.STRING}, read_from=_OCI.files("oci/extensions.bzl")
                    ),
                },
            ),
        ),
    )
}
