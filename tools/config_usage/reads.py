"""Find the config and input reads in a gear's Python: `args.config.bool("dry_run")` etc."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from gear_spec import INPUT_ACCESSORS as FILE_ACCESSORS
from gear_spec import config_accessors

Kind = Literal["config", "input"]

# The accessors of gear_runner's ConfigValues and InputValues (the table in gear_spec).
CONFIG_ACCESSORS = config_accessors()
INPUT_ACCESSORS = frozenset(FILE_ACCESSORS)
RECEIVERS: dict[str, tuple[Kind, frozenset[str]]] = {
    "config": ("config", CONFIG_ACCESSORS),
    "inputs": ("input", INPUT_ACCESSORS),
}


@dataclass(frozen=True)
class KeyRead:
    """One accessor call; `key` is None when it is not a string literal."""

    kind: Kind
    key: str | None
    path: Path
    line: int
    call: str  # e.g. `config.bool`


def _receiver_name(node: ast.expr) -> str | None:
    """`config` for `args.config` (or a plain `config` variable), else None."""
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return None


def _key_argument(call: ast.Call) -> ast.expr | None:
    if call.args:
        return call.args[0]
    for keyword in call.keywords:
        if keyword.arg == "key":
            return keyword.value
    return None


def _as_read(call: ast.Call, path: Path) -> KeyRead | None:
    if not isinstance(call.func, ast.Attribute):
        return None
    receiver = _receiver_name(call.func.value)
    if receiver not in RECEIVERS:
        return None
    kind, accessors = RECEIVERS[receiver]
    if call.func.attr not in accessors:
        return None
    argument = _key_argument(call)
    key = None
    if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
        key = argument.value
    return KeyRead(kind, key, path, call.lineno, f"{receiver}.{call.func.attr}")


def reads_in_source(source: str, path: Path) -> list[KeyRead]:
    """Every config/input accessor call in one Python source, in line order."""
    tree = ast.parse(source, filename=str(path))
    found = [
        read
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and (read := _as_read(node, path)) is not None
    ]
    return sorted(found, key=lambda r: r.line)
