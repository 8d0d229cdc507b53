"""Which manifest config types each `ConfigValues` accessor reads, and which inputs a file
accessor reads: the runtime (`gear_runner.args`) enforces this table and `./dev usage` checks
every read in a gear's code against it."""

from __future__ import annotations

from collections.abc import Mapping

# accessor (`args.config.<name>`, also as `optional_<name>`) -> the manifest types it reads
CONFIG_ACCESSOR_TYPES: dict[str, tuple[str, ...]] = {
    "bool": ("boolean",),
    "str": ("string",),
    "int": ("integer",),
    "float": ("number", "integer"),
    "list": ("array",),
}
OPTIONAL_PREFIX = "optional_"
# `args.inputs.<name>`: the file inputs' accessors; those that refuse an optional input.
INPUT_ACCESSORS = ("path", "optional_path", "file", "file_object")
REQUIRED_INPUT_ACCESSORS = ("path", "file")
FILE_BASE = "file"


def config_accessors() -> frozenset[str]:
    """Every config accessor name: `bool`, `optional_bool`, `str`, ..."""
    return frozenset(CONFIG_ACCESSOR_TYPES) | {OPTIONAL_PREFIX + n for n in CONFIG_ACCESSOR_TYPES}


def config_accessor_for(directive: Mapping[str, object]) -> str | None:
    """The accessor a declared config key is read with (`bool`, `optional_int`, ...), or None."""
    declared_type = directive.get("type")
    names = [n for n, types in CONFIG_ACCESSOR_TYPES.items() if types[0] == declared_type]
    if not names:
        return None
    return (OPTIONAL_PREFIX if directive.get("optional") else "") + names[0]


def config_accessor_problem(accessor: str, directive: Mapping[str, object]) -> str | None:
    """Why `args.config.<accessor>` cannot read a key declared as `directive`, or None."""
    optional = accessor.startswith(OPTIONAL_PREFIX)
    base = accessor.removeprefix(OPTIONAL_PREFIX)
    types = CONFIG_ACCESSOR_TYPES.get(base)
    if types is None:
        return f"{accessor} is not a config accessor"
    declared_type = directive.get("type")
    if declared_type not in types:
        return (
            f"declared as {declared_type!r}, which {accessor} does not read ({' or '.join(types)})"
        )
    if directive.get("optional") and not optional:
        return f"optional (it may be absent), which {accessor} refuses"
    return None


def input_accessor_problem(accessor: str, directive: Mapping[str, object]) -> str | None:
    """Why `args.inputs.<accessor>` cannot read an input declared as `directive`, or None."""
    if accessor not in INPUT_ACCESSORS:
        return f"{accessor} is not an input accessor"
    if directive.get("base") != FILE_BASE:
        return f"a {directive.get('base')!r} input, not a file"
    if directive.get("optional") and accessor in REQUIRED_INPUT_ACCESSORS:
        return f"optional (it may be absent), which {accessor} refuses"
    return None
