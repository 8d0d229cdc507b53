"""Paths through the tree: POST /api/lookup and /api/resolve (group, then project by label)."""

from __future__ import annotations

from flywheel_standin.errors import not_found
from flywheel_standin.model import Json
from flywheel_standin.store import Store


def lookup(store: Store, path: list[str]) -> Json:
    """POST /api/lookup: the node at `group[/project label]`, or 404."""
    nodes = resolve_path(store, path)
    if not nodes:
        raise not_found("path", "/".join(path))
    return nodes[-1]


def resolve_path(store: Store, path: list[str]) -> list[Json]:
    """The nodes along `path` (group, then project by label; first by id if repeated)."""
    if len(path) > 2:
        raise not_found("path", "/".join(path))
    nodes: list[Json] = []
    if path:
        group = store.groups.get(path[0])
        if group is None:
            raise not_found("path", "/".join(path))
        nodes.append({**group.wire(), "container_type": "group"})
    if len(path) == 2:
        match = [p for p in store.projects_of(path[0]) if p.label == path[1]]
        if not match:
            raise not_found("path", "/".join(path))
        nodes.append({**match[0].wire(), "container_type": "project"})
    return nodes


def children(store: Store, path: list[str]) -> list[Json]:
    """The children of the node at `path` (groups at the root, projects under a group)."""
    if not path:
        return [{**g.wire(), "container_type": "group"} for g in store.groups.values()]
    if len(path) == 1:
        return [{**p.wire(), "container_type": "project"} for p in store.projects_of(path[0])]
    return []
