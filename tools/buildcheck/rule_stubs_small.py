"""Stubs of the small rule sets: rules_multirun 0.14.0, container_structure_test 1.22.1 (read
at v1.22.0), rules_shell 0.6.1, from the files each names (split from rule_stubs.py)."""

from __future__ import annotations

from collections.abc import Mapping

from buildcheck.rule_sets import RULE_SETS
from buildcheck.rule_specs import AttrType, rule_spec

T = AttrType

_MULTIRUN_FILES = RULE_SETS["rules_multirun"].files("defs.bzl", "multirun.bzl", "command.bzl")
_CST_FILES = RULE_SETS["container_structure_test"].files(
    "defs.bzl", "bazel/container_structure_test.bzl"
)
_SHELL_FILES = RULE_SETS["rules_shell"].files(
    "shell/private/sh_executable.bzl", "shell/private/sh_library.bzl"
)

# --- rules_multirun 0.14.0 ----------------------------------------------------------------
MULTIRUN = rule_spec(
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
    read_from=_MULTIRUN_FILES,
)
COMMAND = rule_spec(
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
    read_from=_MULTIRUN_FILES,
)

# --- container_structure_test 1.22.1 ------------------------------------------------------
CONTAINER_STRUCTURE_TEST = rule_spec(
    "container_structure_test",
    {
        "image": T.LABEL,
        "configs": T.LABEL_LIST,
        "driver": T.STRING,
        "platform": T.STRING,
    },
    ("configs",),
    test=True,
    read_from=_CST_FILES,
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
SH_BINARY = rule_spec("sh_binary", _SH_EXECUTABLE, executable=True, read_from=_SHELL_FILES)
SH_TEST = rule_spec("sh_test", _SH_EXECUTABLE, test=True, read_from=_SHELL_FILES)
SH_LIBRARY = rule_spec(
    "sh_library",
    {"srcs": T.LABEL_LIST, "data": T.LABEL_LIST, "deps": T.LABEL_LIST},
    read_from=_SHELL_FILES,
)
