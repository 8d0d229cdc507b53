"""The `# gazelle:` directives Gazelle knows, as the pinned sources declare them.

Core: bazel-contrib/bazel-gazelle@v0.53.0, the KnownDirectives() of v2/config/config.go
(CommonConfigurer), v2/walk/config.go and v2/resolve/config.go. Python:
bazel-contrib/rules_python@2.3.2, gazelle/python/configure.go KnownDirectives() with the names
from gazelle/pythonconfig/pythonconfig.go. The plugin's gazelle_binary has only the Python
language (gazelle/python/BUILD.bazel), so Go and proto directives are unknown to it.
"""

from __future__ import annotations

from collections.abc import Mapping

CORE_DIRECTIVES = frozenset(
    {
        "map_kind",
        "alias_kind",
        "lang",
        "build_file_name",
        "directive_file",
        "generation_mode",
        "exclude",
        "follow",
        "ignore",
        "resolve",
        "resolve_regexp",
    }
)

PYTHON_DIRECTIVES = frozenset(
    {
        "python_extension",
        "python_root",
        "python_manifest_file_name",
        "python_ignore_files",
        "python_ignore_dependencies",
        "python_validate_import_statements",
        "python_generation_mode",
        "python_generation_mode_per_file_include_init",
        "python_generation_mode_per_package_require_test_entry_point",
        "python_library_naming_convention",
        "python_binary_naming_convention",
        "python_test_naming_convention",
        "python_proto_naming_convention",
        "python_default_visibility",
        "python_visibility",
        "python_test_file_pattern",
        "python_label_convention",
        "python_label_normalization",
        "python_generate_pyi_deps",
        "python_generate_pyi_srcs",
        "python_experimental_allow_relative_imports",
        "python_generate_proto",
        "python_resolve_sibling_imports",
        "python_include_ancestor_conftest",
    }
)

KNOWN_DIRECTIVES = CORE_DIRECTIVES | PYTHON_DIRECTIVES

# Go's strconv.ParseBool, which the plugin's boolean directives use (log.Fatal otherwise).
_BOOLEAN = frozenset(
    {"1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False"}
)

# Directives whose value the sources check, and the values they accept (configure.go).
ACCEPTED_VALUES: Mapping[str, frozenset[str]] = {
    "python_extension": frozenset({"enabled", "disabled"}),
    "python_generation_mode": frozenset({"package", "file", "project"}),
    "python_label_normalization": frozenset({"pep503", "none", "snake_case"}),
    **{
        name: _BOOLEAN
        for name in (
            "python_validate_import_statements",
            "python_generation_mode_per_file_include_init",
            "python_generation_mode_per_package_require_test_entry_point",
            "python_experimental_allow_relative_imports",
            "python_generate_pyi_deps",
            "python_generate_pyi_srcs",
            "python_generate_proto",
            "python_resolve_sibling_imports",
            "python_include_ancestor_conftest",
        )
    },
}

# Directives that take no value (the plugin reads the folder, not the value) or need one.
NO_VALUE = frozenset({"python_root", "ignore"})
NEEDS_VALUE = frozenset(
    {"exclude", "python_test_file_pattern", "python_label_convention", "resolve", "map_kind"}
)
