"""The shapes of buildcheck's rule tables: attribute types, rule/tag specs and their source."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum


@dataclass(frozen=True)
class RuleSet:
    """A rule set as MODULE.bazel pins it, and the source tag its stubs were read at."""

    module: str  # the registry module name, e.g. "rules_oci"
    version: str  # the registry version MODULE.bazel pins, e.g. "2.3.0"
    repository: str  # GitHub owner/name of the source, e.g. "bazel-contrib/rules_oci"
    tag: str  # the tag read, e.g. "v2.3.0" (the registry's source.json names the same)

    def files(self, *paths: str) -> ReadFrom:
        """Where a stub was read: this rule set's repository and tag, and these files."""
        return ReadFrom(self.repository, self.tag, paths)


@dataclass(frozen=True)
class ReadFrom:
    """The repository, tag and files a stub's attributes were read from."""

    repository: str
    tag: str
    files: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.repository}@{self.tag}: {', '.join(self.files)}"


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
    read_from: ReadFrom | None = None  # None only for Bazel's built-in rules


@dataclass(frozen=True)
class ValueSpec:
    """A function that returns a value instead of declaring a target (tar.bzl's `mutate`)."""

    kind: str
    attrs: Mapping[str, AttrType]
    read_from: ReadFrom | None = None


@dataclass(frozen=True)
class TagSpec:
    """A module extension tag class (`checked=False`: attributes not listed, so not checked)."""

    attrs: Mapping[str, AttrType]
    mandatory: frozenset[str] = frozenset()
    checked: bool = True
    read_from: ReadFrom | None = None


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


def rule_spec(
    kind: str,
    own: Mapping[str, AttrType],
    mandatory: tuple[str, ...] = (),
    *,
    test: bool = False,
    executable: bool = False,
    extra_targets: tuple[str, ...] = (),
    read_from: ReadFrom | None = None,
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
        read_from=read_from,
    )
