"""Bazel 8's built-in rules that BUILD files and macros may call (Build Encyclopedia)."""

from __future__ import annotations

from collections.abc import Mapping

from buildcheck.rule_specs import AttrType as T
from buildcheck.rule_specs import RuleSpec, rule_spec

GENRULE = rule_spec(
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
FILEGROUP = rule_spec(
    "filegroup",
    {"srcs": T.LABEL_LIST, "data": T.LABEL_LIST, "output_group": T.STRING},
)
ALIAS = rule_spec("alias", {"actual": T.LABEL}, ("actual",))
TEST_SUITE = rule_spec("test_suite", {"tests": T.LABEL_LIST})
CONFIG_SETTING = rule_spec(
    "config_setting",
    {
        "values": T.STRING_DICT,
        "define_values": T.STRING_DICT,
        "flag_values": T.LABEL_KEYED_DICT,
        "constraint_values": T.LABEL_LIST,
    },
)
PLATFORM = rule_spec(
    "platform",
    {
        "constraint_values": T.LABEL_LIST,
        "parents": T.LABEL_LIST,
        "flags": T.STRING_LIST,
        "required_settings": T.LABEL_LIST,
        "missing_toolchain_error": T.STRING,
    },
)
CONSTRAINT_SETTING = rule_spec("constraint_setting", {"default_constraint_value": T.LABEL})
CONSTRAINT_VALUE = rule_spec(
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
