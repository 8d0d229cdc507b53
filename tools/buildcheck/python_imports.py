"""The modules a Python file imports, read with `ast` (runtime imports only)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass

_IMPORT_ERRORS = frozenset({"ImportError", "ModuleNotFoundError"})


@dataclass(frozen=True)
class Import:
    """One imported module: candidates are tried in order (`from a import b`: a.b, then a)."""

    candidates: tuple[str, ...]
    line: int


def module_name(relative_path: str) -> str | None:
    """`pkg/sub/mod.py` -> `pkg.sub.mod`; `pkg/__init__.py` -> `pkg`; None if not importable."""
    if not relative_path.endswith(".py"):
        return None
    parts = relative_path[: -len(".py")].split("/")
    if parts[-1] == "__init__":
        parts = parts[:-1]
    if not parts or not all(p.isidentifier() for p in parts):
        return None
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    if isinstance(test, ast.Name):
        return test.id == "TYPE_CHECKING"
    return isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"


def _catches_import_error(node: ast.Try) -> bool:
    for handler in node.handlers:
        kinds = handler.type
        names = kinds.elts if isinstance(kinds, ast.Tuple) else [kinds] if kinds else []
        for name in names:
            if isinstance(name, ast.Name) and name.id in _IMPORT_ERRORS:
                return True
    return False


def _runtime_nodes(nodes: list[ast.stmt]) -> Iterator[ast.AST]:
    """Every node, leaving out `if TYPE_CHECKING:` and `try: ... except ImportError:` bodies."""
    for node in nodes:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            yield from _runtime_nodes(node.orelse)
            continue
        if isinstance(node, ast.Try) and _catches_import_error(node):
            for part in (node.orelse, node.finalbody, *(h.body for h in node.handlers)):
                yield from _runtime_nodes(part)
            continue
        yield node
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.stmt):
                yield from _runtime_nodes([child])
            else:
                yield from ast.walk(child)


def imports_of(source: str, filename: str, module: str | None, is_package: bool) -> list[Import]:
    """The imports of a file whose own module name is `module` (for relative imports)."""
    tree = ast.parse(source, filename=filename)
    found: list[Import] = []
    for node in _runtime_nodes(tree.body):
        if isinstance(node, ast.Import):
            found += [Import((alias.name,), node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _absolute_base(node, module, is_package)
            if base is None:
                continue
            for alias in node.names:
                if alias.name == "*":
                    found.append(Import((base,), node.lineno))
                else:
                    names = (f"{base}.{alias.name}", base) if base else (alias.name,)
                    found.append(Import(names, node.lineno))
    return found


def _absolute_base(node: ast.ImportFrom, module: str | None, is_package: bool) -> str | None:
    if node.level == 0:
        return node.module or ""
    if module is None:
        return None
    parts = module.split(".")
    if not is_package:
        parts = parts[:-1]
    up = node.level - 1
    if up > len(parts):
        return None
    parts = parts[: len(parts) - up] if up else parts
    if node.module:
        parts = [*parts, *node.module.split(".")]
    return ".".join(parts)
