"""The stand-in's records (users, roles, groups, projects) and their wire and seed shapes.

Wire shapes follow flywheel-sdk 23's output models (`_id` keys): UserOutput/CurrentUserOutput,
RoleOutput, GroupOutput, ProjectOutput and ProjectListOutput. Seed shapes use `id` (see seed.py).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flywheel_standin.file_model import FileRecord

Json = dict[str, Any]


@dataclass
class User:
    """A Flywheel user."""

    id: str
    email: str
    firstname: str = ""
    lastname: str = ""

    def wire(self) -> Json:
        """UserOutput / CurrentUserOutput."""
        return {
            "_id": self.id,
            "email": self.email,
            "firstname": self.firstname,
            "lastname": self.lastname,
            "roles": [],
            "root": False,
            "disabled": False,
        }

    def seed(self) -> Json:
        """The seed/dump shape."""
        return {
            "id": self.id,
            "email": self.email,
            "firstname": self.firstname,
            "lastname": self.lastname,
        }


@dataclass
class Role:
    """A project role (site-wide; groups hold a pool of role ids)."""

    id: str
    label: str
    default_flywheel_role: str | None = None
    actions: list[str] = field(default_factory=list)

    def wire(self, in_use: bool = False) -> Json:
        """RoleOutput."""
        return {
            "_id": self.id,
            "label": self.label,
            "default_flywheel_role": self.default_flywheel_role,
            "actions": list(self.actions),
            "in_use": in_use,
        }

    def seed(self) -> Json:
        """The seed/dump shape."""
        out: Json = {"id": self.id, "label": self.label}
        if self.default_flywheel_role:
            out["default_flywheel_role"] = self.default_flywheel_role
        if self.actions:
            out["actions"] = list(self.actions)
        return out


@dataclass
class AccessPermission:
    """A group permission: a user and an access level (admin, rw, ro)."""

    user_id: str
    access: str

    def wire(self) -> Json:
        """AccessPermissionOutput."""
        return {"_id": self.user_id, "access": self.access}

    def seed(self) -> Json:
        """The seed/dump shape."""
        return {"id": self.user_id, "access": self.access}


@dataclass
class RolePermission:
    """A project permission (or group permission template): a user and role ids."""

    user_id: str
    role_ids: list[str]

    def wire(self) -> Json:
        """RolePermissionOutput."""
        return {"_id": self.user_id, "role_ids": list(self.role_ids)}

    def seed(self) -> Json:
        """The seed/dump shape."""
        return {"id": self.user_id, "role_ids": list(self.role_ids)}


@dataclass
class Stamp:
    """Creation/modification times and the revision counter of a container."""

    created: str
    modified: str
    revision: int = 1

    def touch(self, now: str) -> None:
        """Record a modification."""
        self.modified = now
        self.revision += 1

    def wire(self) -> Json:
        """The `created`, `modified`, `revision` fields."""
        return {"created": self.created, "modified": self.modified, "revision": self.revision}


@dataclass
class Group:
    """A Flywheel group."""

    id: str
    label: str
    stamp: Stamp
    tags: list[str] = field(default_factory=list)
    permissions: list[AccessPermission] = field(default_factory=list)
    permissions_template: list[RolePermission] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)

    def wire(self) -> Json:
        """GroupOutput (also the lookup/resolve group node without `container_type`)."""
        return {
            "_id": self.id,
            "label": self.label,
            "permissions": [p.wire() for p in self.permissions],
            "permissions_template": [p.wire() for p in self.permissions_template],
            "tags": list(self.tags),
            "roles": list(self.roles),
            **self.stamp.wire(),
        }

    def seed(self, projects: list[Json]) -> Json:
        """The seed/dump shape, with the group's projects."""
        out: Json = {
            "id": self.id,
            "label": self.label,
            "tags": list(self.tags),
            "permissions": [p.seed() for p in self.permissions],
            "roles": list(self.roles),
        }
        if self.permissions_template:
            out["permissions_template"] = [p.seed() for p in self.permissions_template]
        out["projects"] = projects
        return out


@dataclass
class Project:
    """A Flywheel project."""

    id: str
    label: str
    group: str
    stamp: Stamp
    description: str = ""
    tags: list[str] = field(default_factory=list)
    info: Json = field(default_factory=dict)
    permissions: list[RolePermission] = field(default_factory=list)
    files: list[FileRecord] = field(default_factory=list)  # file_model.py

    def wire(self) -> Json:
        """ProjectOutput (GET /api/projects/{id}; lookup's project node adds container_type)."""
        return {
            "_id": self.id,
            "label": self.label,
            "description": self.description,
            "group": self.group,
            "parents": {"group": self.group},
            "permissions": [p.wire() for p in self.permissions],
            "tags": list(self.tags),
            "info": copy.deepcopy(self.info),
            "info_exists": bool(self.info),
            "notes": [],
            "files": [f.wire(self.id, self.group) for f in self.files],
            "analyses": [],
            **self.stamp.wire(),
        }

    def seed(self) -> Json:
        """The seed/dump shape."""
        out: Json = {"id": self.id, "label": self.label}
        if self.description:
            out["description"] = self.description
        out["tags"] = list(self.tags)
        out["info"] = copy.deepcopy(self.info)
        out["permissions"] = [p.seed() for p in self.permissions]
        if self.files:
            out["files"] = [f.seed() for f in self.files]
        return out


def list_shape(project: Json, include_all_info: bool) -> Json:
    """ProjectListOutput: like core-api, list endpoints leave out `info` (keeping `info_exists`)
    unless `include_all_info=true`; permissions and tags are included, as the real list does
    (it filters on permissions) and ProjectListOutput declares them. Its files (FileListOutput,
    with size and hash) lose their `info` the same way."""
    if include_all_info:
        return project
    files = [{k: v for k, v in f.items() if k != "info"} for f in project.get("files", [])]
    return {**{k: v for k, v in project.items() if k != "info"}, "files": files}
