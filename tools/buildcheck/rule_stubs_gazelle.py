"""Stubs of Gazelle's rules (gazelle 0.53.0) that BUILD files load, for buildcheck's tables.

`gazelle` is a macro (def.bzl): it makes `<name>-runner` (the `_gazelle_runner` rule, whose
attributes are `_gazelle_runner_attr_factory`'s) and `<name>`, an sh_binary running it; `args`
is taken as `extra_args`. rules_python_gazelle_plugin 2.3.2 gives the `gazelle` attribute its
value (`//python:gazelle_binary`, gazelle/python/BUILD.bazel); BUILD files here load no rule of
the plugin (gazelle_python.yaml is written by `./dev deps --fix`, not by its manifest rules).
"""

from __future__ import annotations

from collections.abc import Mapping

from buildcheck.rule_sets import RULE_SETS
from buildcheck.rule_specs import AttrType, RuleSpec, rule_spec

T = AttrType

_GAZELLE_FILES = RULE_SETS["gazelle"].files("def.bzl")

GAZELLE = rule_spec(
    "gazelle",
    {
        "gazelle": T.LABEL,
        "command": T.STRING,
        "mode": T.STRING,
        "external": T.STRING,
        "build_tags": T.STRING_LIST,
        "prefix": T.STRING,
        "extra_args": T.STRING_LIST,
        "args": T.STRING_LIST,
        "data": T.LABEL_LIST,
        "env": T.STRING_DICT,
    },
    executable=True,
    extra_targets=("{name}-runner",),
    read_from=_GAZELLE_FILES,
)

# The values `command` and `mode` accept (def.bzl, attr.string(values = ...)).
GAZELLE_VALUES: Mapping[str, frozenset[str]] = {
    "command": frozenset({"fix", "update", "update-repos"}),
    "mode": frozenset({"", "print", "fix", "diff"}),
    "external": frozenset({"", "external", "static", "vendored"}),
}

GAZELLE_LOADS: Mapping[str, Mapping[str, RuleSpec]] = {
    "@gazelle//:def.bzl": {"gazelle": GAZELLE},
}
