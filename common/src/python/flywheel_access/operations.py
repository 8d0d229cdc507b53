"""The one registry of write operations: how each is sent, checked and reflected in the cache.

Every write flywheel_access can make is a WriteOperation here, so a test iterating
WRITE_OPERATIONS covers them all. An operation is:
- `apply(client, target, payload)`: the single write request (SDK call); a creation also marks
  its view as existing (a group's `planned` cleared, a project's new id set);
- `took_effect(reader, target, payload)`: a fresh read (bypassing the cache) of just the target
  container answering whether the write's effect is there; it also refreshes the target view;
- `reflect(target, payload)`: the write's effect on the cached view (after DONE, or PLANNED in a
  dry run, so later steps see it);
- `settled_by`: the HTTP statuses that may mean another client made the same change first (409
  for an addition, 404 for a deletion); after one, `took_effect` decides (outcome ALREADY).
Payloads are plain JSON-ready dicts; they are what plan records show. The file operations
(upload, file tag, file info) are in `file_operations`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import flywheel

from flywheel_access import file_operations as files
from flywheel_access.failures import CONFLICT
from flywheel_access.reader import NOT_FOUND, FlywheelReader
from flywheel_access.views import GroupView, ProjectView, access_covers

Payload = dict[str, Any]
TargetT = TypeVar("TargetT", GroupView, ProjectView)


@dataclass(frozen=True)
class WriteOperation(Generic[TargetT]):
    """One kind of write; see the module docstring."""

    name: str
    target_type: type[TargetT]
    apply: Callable[[Any, TargetT, Payload], None]
    took_effect: Callable[[FlywheelReader, TargetT, Payload], bool]
    reflect: Callable[[TargetT, Payload], None]
    settled_by: frozenset[int] = frozenset({CONFLICT})


def _fresh_group(reader: FlywheelReader, group: GroupView) -> GroupView | None:
    return group if reader.refresh_group(group) else None


def _fresh_project(reader: FlywheelReader, project: ProjectView) -> ProjectView | None:
    return project if reader.refresh_project(project) else None


def _nothing(target: GroupView | ProjectView, payload: Payload) -> None:
    """Creation: the view was built with the payload already."""


def _reflect_tag(target: GroupView | ProjectView, payload: Payload) -> None:
    if payload["tag"] not in target.tags:
        target.tags.append(payload["tag"])


# -- groups -------------------------------------------------------------------------------------


def _create_group(client: Any, group: GroupView, payload: Payload) -> None:
    client.add_group(flywheel.GroupInput(id=payload["id"], label=payload["label"]))
    group.planned = False


def _group_exists(reader: FlywheelReader, group: GroupView, payload: Payload) -> bool:
    return _fresh_group(reader, group) is not None


def _add_group_tag(client: Any, group: GroupView, payload: Payload) -> None:
    client.add_group_tag(group.id, flywheel.Tag(value=payload["tag"]))


def _group_has_tag(reader: FlywheelReader, group: GroupView, payload: Payload) -> bool:
    fresh = _fresh_group(reader, group)
    return fresh is not None and payload["tag"] in fresh.tags


def _add_group_permission(client: Any, group: GroupView, payload: Payload) -> None:
    client.add_group_permission(
        group.id, flywheel.AccessPermission(id=payload["user"], access=payload["access"])
    )


def _update_group_permission(client: Any, group: GroupView, payload: Payload) -> None:
    client.modify_group_user_permission(
        group.id, payload["user"], flywheel.AccessPermissionUpdate(access=payload["access"])
    )


def _group_grants(reader: FlywheelReader, group: GroupView, payload: Payload) -> bool:
    fresh = _fresh_group(reader, group)
    return fresh is not None and access_covers(
        fresh.permissions.get(payload["user"]), payload["access"]
    )


def _reflect_group_permission(group: GroupView, payload: Payload) -> None:
    if not access_covers(group.permissions.get(payload["user"]), payload["access"]):
        group.permissions[payload["user"]] = payload["access"]


# -- projects -----------------------------------------------------------------------------------


def _create_project(client: Any, project: ProjectView, payload: Payload) -> None:
    created = client.add_project(
        flywheel.ProjectInput(
            label=payload["label"], group=payload["group"], info=payload.get("info")
        )
    )
    project.id = str(created)


def _delete_project(client: Any, project: ProjectView, payload: Payload) -> None:
    client.delete_project(project.existing_id())


def _project_gone(reader: FlywheelReader, project: ProjectView, payload: Payload) -> bool:
    return reader.fresh_project(project) is None


def _remove_project_info(client: Any, project: ProjectView, payload: Payload) -> None:
    client.modify_project_info(project.existing_id(), flywheel.Info(delete=payload["delete"]))


def _project_lacks_info(reader: FlywheelReader, project: ProjectView, payload: Payload) -> bool:
    fresh = _fresh_project(reader, project)
    return fresh is not None and not any(key in fresh.info for key in payload["delete"])


def _reflect_info_removed(project: ProjectView, payload: Payload) -> None:
    for key in payload["delete"]:
        project.info.pop(key, None)


def _project_exists(reader: FlywheelReader, project: ProjectView, payload: Payload) -> bool:
    return _fresh_project(reader, project) is not None


def _add_project_tag(client: Any, project: ProjectView, payload: Payload) -> None:
    client.add_project_tag(project.existing_id(), flywheel.Tag(value=payload["tag"]))


def _project_has_tag(reader: FlywheelReader, project: ProjectView, payload: Payload) -> bool:
    fresh = _fresh_project(reader, project)
    return fresh is not None and payload["tag"] in fresh.tags


def _set_project_info(client: Any, project: ProjectView, payload: Payload) -> None:
    client.modify_project_info(project.existing_id(), flywheel.Info(set=payload["info"]))


def _project_has_info(reader: FlywheelReader, project: ProjectView, payload: Payload) -> bool:
    fresh = _fresh_project(reader, project)
    return fresh is not None and all(
        key in fresh.info and fresh.info[key] == value for key, value in payload["info"].items()
    )


def _reflect_project_info(project: ProjectView, payload: Payload) -> None:
    project.info.update(payload["info"])


def _add_project_permission(client: Any, project: ProjectView, payload: Payload) -> None:
    client.add_project_permission(
        project.existing_id(),
        flywheel.RolePermission(id=payload["user"], role_ids=payload["role_ids"]),
    )


def _update_project_permission(client: Any, project: ProjectView, payload: Payload) -> None:
    client.modify_project_user_permission(
        project.existing_id(),
        payload["user"],
        flywheel.RolePermissionUpdate(role_ids=payload["role_ids"]),
    )


def _project_grants(reader: FlywheelReader, project: ProjectView, payload: Payload) -> bool:
    fresh = _fresh_project(reader, project)
    if fresh is None or payload["user"] not in fresh.roles:
        return False
    return set(payload["role_ids"]) <= set(fresh.roles[payload["user"]])


def _reflect_project_roles(project: ProjectView, payload: Payload) -> None:
    roles = project.roles.setdefault(payload["user"], [])
    roles += [role for role in payload["role_ids"] if role not in roles]


WRITE_OPERATIONS: dict[str, WriteOperation[Any]] = {
    op.name: op
    for op in (
        WriteOperation("create_group", GroupView, _create_group, _group_exists, _nothing),
        WriteOperation("add_group_tag", GroupView, _add_group_tag, _group_has_tag, _reflect_tag),
        WriteOperation(
            "add_group_permission",
            GroupView,
            _add_group_permission,
            _group_grants,
            _reflect_group_permission,
        ),
        WriteOperation(
            "update_group_permission",
            GroupView,
            _update_group_permission,
            _group_grants,
            _reflect_group_permission,
        ),
        WriteOperation("create_project", ProjectView, _create_project, _project_exists, _nothing),
        WriteOperation(
            "delete_project",
            ProjectView,
            _delete_project,
            _project_gone,
            _nothing,
            settled_by=frozenset({NOT_FOUND}),
        ),
        WriteOperation(
            "confirm_project",
            ProjectView,
            _remove_project_info,
            _project_lacks_info,
            _reflect_info_removed,
        ),
        WriteOperation(
            "add_project_tag", ProjectView, _add_project_tag, _project_has_tag, _reflect_tag
        ),
        WriteOperation(
            "set_project_info",
            ProjectView,
            _set_project_info,
            _project_has_info,
            _reflect_project_info,
        ),
        WriteOperation(
            "add_project_permission",
            ProjectView,
            _add_project_permission,
            _project_grants,
            _reflect_project_roles,
        ),
        WriteOperation(
            "update_project_permission",
            ProjectView,
            _update_project_permission,
            _project_grants,
            _reflect_project_roles,
        ),
        WriteOperation(
            "upload_file", ProjectView, files.upload_file, files.file_uploaded, files.reflect_upload
        ),
        WriteOperation(
            "add_file_tag",
            ProjectView,
            files.add_file_tag,
            files.file_has_tag,
            files.reflect_file_tag,
        ),
        WriteOperation(
            "set_file_info",
            ProjectView,
            files.set_file_info,
            files.file_has_info,
            files.reflect_file_info,
        ),
    )
}
