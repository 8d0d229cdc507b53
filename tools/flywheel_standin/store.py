"""The stand-in's state and every operation on it. Not thread-safe: the server holds a lock.

Behaviour chosen to match real Flywheel where it matters to a client:
- group ids must match Flywheel's rule (`flywheel_ids`, from fw-meta); duplicates
  get 409; the creating user becomes the group's admin; a new group's role pool is every role.
- projects: duplicate labels in one group ARE allowed (as in real Flywheel), so a client must
  look before it creates; the creator gets an admin-role permission; `inherit=true` adds the
  group's permission templates; a deleted project is gone at once (404 after).
- ids are 24 hex digits from a counter, so `_id` order is creation order (after_id paging).
- time is a logical clock (2024-01-01T00:00:00Z plus one second per write): deterministic, and
  every container gets its own `created`, set once, so "oldest `created`" is well defined.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from typing import Any, TypeVar

from flywheel_ids import is_group_id
from flywheel_standin import seed as seeds
from flywheel_standin.errors import bad_request, conflict, not_found
from flywheel_standin.file_model import PendingUpload, parse_files
from flywheel_standin.gear_shelf import GearShelf
from flywheel_standin.model import (
    AccessPermission,
    Group,
    Json,
    Project,
    Role,
    RolePermission,
    Stamp,
    User,
)

EPOCH = datetime(2024, 1, 1, tzinfo=timezone.utc)
PROJECT_FIELDS = frozenset({"label", "description", "info", "copyable"})
GROUP_FIELDS = frozenset({"label"})
FoundT = TypeVar("FoundT")
PermissionT = TypeVar("PermissionT", AccessPermission, RolePermission)


def _existing(found: FoundT | None, kind: str, ident: str) -> FoundT:
    """`found`, or (when None) 404 naming the missing `kind` `ident`."""
    if found is None:
        raise not_found(kind, ident)
    return found


def _find_permission(permissions: list[PermissionT], user_id: str) -> PermissionT | None:
    return next((p for p in permissions if p.user_id == user_id), None)


def permission_of(permissions: list[PermissionT], user_id: str) -> PermissionT:
    """The user's permission among a group's or project's `permissions`, or 404."""
    return _existing(_find_permission(permissions, user_id), "permission for user", user_id)


class Store:
    """Users, roles, groups and projects, with Flywheel's rules for changing them."""

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self.keys: list[str] | None = None
        self.users: dict[str, User] = {}
        self.roles: dict[str, Role] = {}
        self.groups: dict[str, Group] = {}
        self.projects: dict[str, Project] = {}
        self.signed_urls = False  # GET /api/config offers signed-URL uploads (file_routes.py)
        self.uploads: dict[str, PendingUpload] = {}  # signed-URL uploads by ticket
        self.gear_shelf = GearShelf()  # gears and upload tickets (gear_routes.py)
        self._ticks = 0
        self._next_id = 1

    # -- time and ids --------------------------------------------------------------------
    def now(self) -> str:
        """The next logical timestamp."""
        self._ticks += 1
        return (EPOCH + timedelta(seconds=self._ticks)).isoformat()

    def new_stamp(self) -> Stamp:
        """A stamp for a container created now."""
        now = self.now()
        return Stamp(created=now, modified=now)

    def new_id(self) -> str:
        """A fresh 24-hex-digit id, greater than every id handed out or seeded so far."""
        ident = f"{self._next_id:024x}"
        self._next_id += 1
        return ident

    # -- seed and dump -------------------------------------------------------------------
    def load(self, data: dict[str, Any]) -> None:
        """Replace the whole state with a seed (see seed.py for the shape)."""
        self._reset()
        self.keys = seeds.keys_of(data)
        self.signed_urls = seeds.flag(data, "signed_urls")
        users = seeds.items(data, "users", "") or seeds.DEFAULT_USERS
        for i, entry in enumerate(users):
            user = seeds.parse_user(entry, f"users[{i}].")
            self.users[user.id] = user
        roles = seeds.items(data, "roles", "") or seeds.DEFAULT_ROLES
        for i, entry in enumerate(roles):
            role = seeds.parse_role(entry, f"roles[{i}].")
            self.roles[role.id] = role
        for i, entry in enumerate(seeds.items(data, "groups", "")):
            self._load_group(entry, f"groups[{i}].")

    def _load_group(self, data: dict[str, Any], where: str) -> None:
        group_id = seeds.text(data, "id", where)
        if group_id in self.groups:
            raise seeds.SeedError(f"seed {where}id: group {group_id!r} appears twice")
        roles = seeds.strings(data, "roles", where) if "roles" in data else list(self.roles)
        group = Group(
            id=group_id,
            label=seeds.text(data, "label", where, default=group_id),
            stamp=self.new_stamp(),
            tags=seeds.strings(data, "tags", where),
            permissions=[
                seeds.parse_access(p, f"{where}permissions[{j}].")
                for j, p in enumerate(seeds.items(data, "permissions", where))
            ],
            permissions_template=[
                seeds.parse_role_permission(p, f"{where}permissions_template[{j}].")
                for j, p in enumerate(seeds.items(data, "permissions_template", where))
            ],
            roles=roles,
        )
        self.groups[group_id] = group
        for j, entry in enumerate(seeds.items(data, "projects", where)):
            self._load_project(group_id, entry, f"{where}projects[{j}].")

    def _load_project(self, group_id: str, data: dict[str, Any], where: str) -> None:
        ident = str(data["id"]) if data.get("id") else self.new_id()
        if ident in self.projects:
            raise seeds.SeedError(f"seed {where}id: project id {ident!r} appears twice")
        if re.fullmatch(r"[0-9a-f]{24}", ident):
            self._next_id = max(self._next_id, int(ident, 16) + 1)
        files = parse_files(data, where, new_id=self.new_id, new_stamp=self.new_stamp)
        self.projects[ident] = Project(
            id=ident,
            label=seeds.text(data, "label", where),
            group=group_id,
            stamp=self.new_stamp(),
            description=str(data.get("description") or ""),
            tags=seeds.strings(data, "tags", where),
            info=seeds.info_of(data, where),
            permissions=[
                seeds.parse_role_permission(p, f"{where}permissions[{k}].")
                for k, p in enumerate(seeds.items(data, "permissions", where))
            ],
            files=files,
        )

    def dump(self) -> dict[str, Any]:
        """The state in the seed's shape (project ids included, so a reload keeps them)."""
        out: dict[str, Any] = {}
        if self.keys is not None:
            out["keys"] = list(self.keys)
        if self.signed_urls:
            out["signed_urls"] = True
        out["users"] = [u.seed() for u in self.users.values()]
        out["roles"] = [r.seed() for r in self.roles.values()]
        out["groups"] = [
            g.seed([p.seed() for p in self.projects_of(g.id)]) for g in self.groups.values()
        ]
        return out

    # -- lookups -------------------------------------------------------------------------
    @property
    def current_user(self) -> User:
        """The user every accepted key authenticates as: the first one."""
        return next(iter(self.users.values()))

    def key_accepted(self, key: str) -> bool:
        """Whether this API key may call the API."""
        return self.keys is None or key in self.keys

    def group(self, group_id: str) -> Group:
        """A group, or 404."""
        return _existing(self.groups.get(group_id), "group", group_id)

    def project(self, project_id: str) -> Project:
        """A project, or 404."""
        return _existing(self.projects.get(project_id), "project", project_id)

    def role(self, role_id: str) -> Role:
        """A role, or 404."""
        return _existing(self.roles.get(role_id), "role", role_id)

    def user(self, user_id: str) -> User:
        """A user, or 404."""
        return _existing(self.users.get(user_id), "user", user_id)

    def projects_of(self, group_id: str) -> list[Project]:
        """A group's projects in id order."""
        return sorted(
            (p for p in self.projects.values() if p.group == group_id), key=lambda p: p.id
        )

    def role_in_use(self, role_id: str) -> bool:
        """Whether any project permission uses the role."""
        return any(role_id in p.role_ids for pr in self.projects.values() for p in pr.permissions)

    # -- groups --------------------------------------------------------------------------
    def add_group(self, body: Json) -> str:
        """POST /api/groups."""
        group_id = body.get("_id")
        if not is_group_id(group_id):
            raise bad_request(
                f"Invalid group id {group_id!r}: use 2-64 lower-case letters, digits, . @ _ -, "
                "starting and ending with a letter or digit"
            )
        if group_id in self.groups:
            raise conflict(f"group '{group_id}' already exists")
        label = body.get("label") or group_id
        self.groups[group_id] = Group(
            id=group_id,
            label=str(label),
            stamp=self.new_stamp(),
            permissions=[AccessPermission(self.current_user.id, "admin")],
            roles=list(self.roles),
        )
        return group_id

    def modify_group(self, group: Group, body: Json) -> None:
        """PUT /api/groups/{gid}."""
        _only(body, GROUP_FIELDS, "group update")
        if "label" in body:
            group.label = _label(body["label"])
        group.stamp.touch(self.now())

    def add_group_permission(self, group: Group, body: Json) -> AccessPermission:
        """POST /api/groups/{gid}/permissions."""
        user_id, access = _body_id(body), _access(body)
        self.user(user_id)
        if _find_permission(group.permissions, user_id):
            raise conflict(f"user '{user_id}' already has a permission on group '{group.id}'")
        permission = AccessPermission(user_id, access)
        group.permissions.append(permission)
        group.stamp.touch(self.now())
        return permission

    def modify_group_permission(self, group: Group, user_id: str, body: Json) -> AccessPermission:
        """PUT /api/groups/{gid}/permissions/{uid}."""
        permission = permission_of(group.permissions, user_id)
        permission.access = _access(body)
        group.stamp.touch(self.now())
        return permission

    def add_group_role(self, group: Group, body: Json) -> Role:
        """POST /api/groups/{gid}/roles (adding a role already in the pool changes nothing)."""
        role = self.role(_body_id(body))
        if role.id not in group.roles:
            group.roles.append(role.id)
            group.stamp.touch(self.now())
        return role

    # -- projects ------------------------------------------------------------------------
    def add_project(self, body: Json, inherit: bool) -> str:
        """POST /api/projects."""
        label = _label(body.get("label"))
        group_id = body.get("group")
        if not isinstance(group_id, str) or not group_id:
            raise bad_request("Project needs a group")
        group = self.group(group_id)
        admin_roles = [r.id for r in self.roles.values() if r.default_flywheel_role == "admin"]
        permissions = [RolePermission(self.current_user.id, admin_roles[:1])]
        if inherit:
            permissions += [
                RolePermission(t.user_id, list(t.role_ids))
                for t in group.permissions_template
                if t.user_id != self.current_user.id
            ]
        project = Project(
            id=self.new_id(),
            label=label,
            group=group.id,
            stamp=self.new_stamp(),
            description=str(body.get("description") or ""),
            info=dict(body.get("info") or {}),
            permissions=permissions,
        )
        self.projects[project.id] = project
        return project.id

    def delete_project(self, project: Project) -> None:
        """DELETE /api/projects/{pid}: gone from every listing and lookup; GET answers 404.

        SDK 23 `ProjectsApi.delete_project` -> DeletedResult; a second delete is a 404 like
        any request for a missing project (an assumption: docs/standin.md).
        """
        del self.projects[project.id]

    def modify_project(self, project: Project, body: Json) -> None:
        """PUT /api/projects/{pid}."""
        _only(body, PROJECT_FIELDS, "project update")
        if "label" in body:
            project.label = _label(body["label"])
        if "description" in body:
            project.description = str(body["description"] or "")
        if "info" in body:
            project.info.update(_mapping(body["info"], "info"))
        project.stamp.touch(self.now())

    def modify_project_info(self, project: Project, body: Json) -> None:
        """PATCH /api/projects/{pid}/info with `set`, `replace` or `delete`."""
        project.info = updated_info(project.info, body)
        project.stamp.touch(self.now())

    def add_project_permission(self, project: Project, body: Json) -> RolePermission:
        """POST /api/projects/{pid}/permissions."""
        user_id = _body_id(body)
        self.user(user_id)
        role_ids = self._role_ids(body)
        if _find_permission(project.permissions, user_id):
            raise conflict(f"user '{user_id}' already has a permission on project '{project.id}'")
        permission = RolePermission(user_id, role_ids)
        project.permissions.append(permission)
        project.stamp.touch(self.now())
        return permission

    def modify_project_permission(
        self, project: Project, user_id: str, body: Json
    ) -> RolePermission:
        """PUT /api/projects/{pid}/permissions/{uid}."""
        permission = permission_of(project.permissions, user_id)
        permission.role_ids = self._role_ids(body)
        project.stamp.touch(self.now())
        return permission

    def _role_ids(self, body: Json) -> list[str]:
        role_ids = body.get("role_ids")
        if not isinstance(role_ids, list) or not role_ids:
            raise bad_request("role_ids must be a non-empty list of role ids")
        for role_id in role_ids:
            self.role(str(role_id))
        return [str(r) for r in role_ids]

    # -- tags and permissions of a group or project --------------------------------------
    def delete_permission(self, permissions: list[PermissionT], stamp: Stamp, user_id: str) -> None:
        """DELETE /api/{groups|projects}/{id}/permissions/{uid}."""
        permissions.remove(permission_of(permissions, user_id))
        stamp.touch(self.now())

    def add_tag(self, tags: list[str], stamp: Stamp, body: Json) -> None:
        """POST /api/{groups|projects}/{id}/tags: 409 if the tag is already there."""
        value = body.get("value")
        if not isinstance(value, str) or not value:
            raise bad_request("Tag value must be a non-empty string")
        if value in tags:
            raise conflict(f"Tag '{value}' already exists")
        tags.append(value)
        stamp.touch(self.now())

    def delete_tag(self, tags: list[str], stamp: Stamp, value: str) -> None:
        """DELETE /api/{groups|projects}/{id}/tags/{value}."""
        if value not in tags:
            raise not_found("tag", value)
        tags.remove(value)
        stamp.touch(self.now())


def updated_info(info: Json, body: Json) -> Json:
    """`info` after a PATCH .../info body with `set`, `replace` or `delete` (projects, files)."""
    known = {"set", "replace", "delete"}
    if not body or set(body) - known:
        raise bad_request("info update takes set, replace or delete")
    if "replace" in body and len(body) > 1:
        raise bad_request("info replace cannot be combined with set or delete")
    result = _mapping(body["replace"], "replace") if "replace" in body else dict(info)
    result.update(_mapping(body.get("set", {}), "set"))
    deletions = body.get("delete", [])
    if not isinstance(deletions, list):
        raise bad_request("info delete takes a list of keys")
    for key in deletions:
        result.pop(str(key), None)
    return result


def _only(body: Json, allowed: frozenset[str], what: str) -> None:
    extra = sorted(set(body) - allowed)
    if extra:
        raise bad_request(f"{what}: unexpected field(s) {', '.join(extra)}")


def _label(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise bad_request("label must be a non-empty string")
    return value


def _mapping(value: Any, name: str) -> Json:
    if not isinstance(value, dict):
        raise bad_request(f"{name} must be an object")
    return dict(value)


def _body_id(body: Json) -> str:
    """The `_id` of a body that names a user or a role."""
    ident = body.get("_id")
    if not isinstance(ident, str) or not ident:
        raise bad_request("_id is required")
    return ident


def _access(body: Json) -> str:
    access = body.get("access")
    if access not in seeds.ACCESS_LEVELS:
        raise bad_request(f"access must be one of {', '.join(seeds.ACCESS_LEVELS)}")
    return str(access)
