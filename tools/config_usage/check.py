"""Compare each gear's manifest with the keys its code reads; one readable line per problem."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from config_usage.reads import KeyRead, Kind, reads_in_source
from gear_layout import Gear, all_gears
from gear_spec import (
    RUNTIME_CONFIG_KEYS,
    RUNTIME_INPUT_KEYS,
    config_accessor_for,
    config_accessor_problem,
    input_accessor_problem,
)
from manifest_rules import ManifestUnreadable, read_manifest

RUNTIME_KEYS: dict[Kind, frozenset[str]] = {
    "config": RUNTIME_CONFIG_KEYS,
    "input": RUNTIME_INPUT_KEYS,
}
MANIFEST_SECTION: dict[Kind, str] = {"config": "config", "input": "inputs"}


def accessor_for(kind: Kind, directive: object) -> str:
    """The call that reads a declared key, e.g. `args.config.bool`, `args.inputs.path`."""
    spec = directive if isinstance(directive, dict) else {}
    prefix = "optional_" if spec.get("optional") else ""
    if kind == "input":
        return f"args.inputs.{prefix}path"
    return f"args.config.{config_accessor_for(spec) or '<type>'}"


def accessor_problem(read: KeyRead, directive: object) -> str | None:
    """Why `read`'s accessor cannot read the declared key (the runtime would refuse), or None."""
    spec = directive if isinstance(directive, dict) else {}
    accessor = read.call.rsplit(".", 1)[-1]
    if read.kind == "input":
        return input_accessor_problem(accessor, spec)
    return config_accessor_problem(accessor, spec)


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def _declared(manifest: dict[str, Any], kind: Kind) -> dict[str, object]:
    section = manifest.get(MANIFEST_SECTION[kind])
    return dict(section) if isinstance(section, dict) else {}


def _code_reads(python_root: Path, root: Path) -> tuple[list[KeyRead], list[str]]:
    """Every read under the gear's src/python, and the files that could not be parsed."""
    reads: list[KeyRead] = []
    problems: list[str] = []
    for path in sorted(python_root.rglob("*.py")):
        try:
            reads += reads_in_source(path.read_text(encoding="utf-8"), path)
        except SyntaxError as error:
            problems.append(f"{_relative(path, root)}:{error.lineno}: cannot parse ({error.msg})")
    return reads, problems


def check_gear(gear_dir: Path, root: Path) -> list[str]:
    """Problems of one gear (gears/<folder>): unread, undeclared, non-literal and mistyped reads."""
    layout = Gear(gear_dir.name, gear_dir)
    gear = layout.folder
    manifest_path = layout.manifest_path
    manifest_name = _relative(manifest_path, root)
    try:
        manifest = read_manifest(manifest_path)
    except ManifestUnreadable as error:
        return [f"gear {gear}: {manifest_name}{error.detail}"]
    python_root = layout.python_root
    reads, problems = _code_reads(python_root, root)
    problems = [f"gear {gear}: {line}" for line in problems]
    code_name = _relative(python_root, root)
    for kind in ("config", "input"):
        declared = _declared(manifest, kind)
        section = MANIFEST_SECTION[kind]
        of_kind = [r for r in reads if r.kind == kind]
        for read in of_kind:
            where = f"{_relative(read.path, root)}:{read.line}"
            if read.key is None:
                problems.append(
                    f"gear {gear}: {where}: {read.call}(...) key is not a string literal;"
                    f' write the key itself, e.g. {read.call}("name"), so this check can see it'
                )
            elif read.key not in declared:
                problems.append(
                    f"gear {gear}: {where}: reads {section}.{read.key}, which {manifest_name}"
                    " does not declare; declare it there or fix the name"
                )
            elif (wrong := accessor_problem(read, declared[read.key])) is not None:
                right = accessor_for(kind, declared[read.key])
                problems.append(
                    f'gear {gear}: {where}: {read.call}("{read.key}") cannot read'
                    f" {section}.{read.key}: {manifest_name} has it {wrong}; read it with"
                    f' {right}("{read.key}")'
                )
        read_keys = {r.key for r in of_kind if r.key is not None} | RUNTIME_KEYS[kind]
        for key in sorted(set(declared) - read_keys):
            accessor = accessor_for(kind, declared[key])
            problems.append(
                f"gear {gear}: {manifest_name}: {section}.{key} is declared but {code_name}"
                f' never reads it; read it with {accessor}("{key}") or remove it'
            )
    return problems


def check_usage(root: Path) -> list[str]:
    """Problems of every gear under root/gears (a folder with src/docker/manifest.json)."""
    problems: list[str] = []
    for gear in all_gears(root):
        problems += check_gear(gear.root, root)
    return problems
