"""Which packages a first-party .bzl file shapes: the BUILD files that load it, directly or
through other .bzl files (a change to a macro changes the targets of every package using it)."""

from __future__ import annotations

import starlark as sl

from buildcheck import BuildGraph
from buildcheck.labels import LabelError, parse_label
from buildcheck.rule_stubs import normalize_load

DIALECT = sl.Dialect.standard()


def loaded_files(graph: BuildGraph, path: str, package: str) -> set[str]:
    """The first-party .bzl paths a BUILD or .bzl file loads (none when it does not parse)."""
    try:
        ast = sl.parse(path, (graph.root / path).read_text(encoding="utf-8"), DIALECT)
    except (sl.StarlarkError, OSError, UnicodeDecodeError):
        return set()  # buildcheck reports it; a broken file has no targets to affect
    main = frozenset({graph.module.name} - {""})
    found = set()
    for load in ast.loads():
        try:
            label = parse_label(normalize_load(load.module_id), package, main)
        except LabelError:
            continue
        if not label.repo:
            found.add(label.path)
    return found


def bzl_users(graph: BuildGraph) -> dict[str, set[str]]:
    """Each first-party .bzl path -> the packages whose BUILD file loads it, however indirectly."""
    loads: dict[str, set[str]] = {}  # BUILD or .bzl path -> .bzl paths it loads
    todo = [(build, package) for package, build in graph.packages.items()]
    while todo:
        path, package = todo.pop()
        if path in loads:
            continue
        loads[path] = loaded_files(graph, path, package)
        for bzl in loads[path]:
            bzl_package = graph.package_of(bzl)
            if bzl not in loads and bzl_package is not None:
                todo.append((bzl, bzl_package))
    users: dict[str, set[str]] = {}
    for package, build in graph.packages.items():
        for bzl in _closure(loads, build):
            users.setdefault(bzl, set()).add(package)
    return users


def _closure(loads: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = list(loads.get(start, ()))
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(loads.get(current, ()))
    return seen
