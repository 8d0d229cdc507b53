"""Cached views of Flywheel groups and projects, and their conversion from SDK objects."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

# Group access levels, weakest first: a user who has a stronger one needs no change.
ACCESS_LEVELS = ("ro", "rw", "admin")


def access_covers(current: str | None, wanted: str) -> bool:
    """Whether group access `current` already grants at least `wanted`."""
    if current not in ACCESS_LEVELS:
        return False
    return ACCESS_LEVELS.index(current) >= ACCESS_LEVELS.index(wanted)


@dataclass(frozen=True)
class RoleView:
    """A site role: id, label and the group access it corresponds to (admin, rw, ro)."""

    id: str
    label: str
    default_access: str | None = None


@dataclass
class GroupView:
    """A group as this run knows it; `planned` means a dry run would have created it."""

    id: str
    label: str
    tags: list[str] = field(default_factory=list)
    permissions: dict[str, str] = field(default_factory=dict)  # user id -> access
    planned: bool = False

    @property
    def path(self) -> str:
        """The group's path for plan records (its id)."""
        return self.id

    def admins(self) -> list[str]:
        """Ids of users with `admin` access, sorted."""
        return sorted(user for user, access in self.permissions.items() if access == "admin")

    def take_state(self, other: GroupView) -> None:
        """Copy the server-side state of a fresh read into this view."""
        self.label = other.label
        self.tags = list(other.tags)
        self.permissions = dict(other.permissions)
        self.planned = False


@dataclass
class FileView:
    """A container's file as this run knows it: its content by size and Flywheel's hash."""

    name: str
    size: int | None = None
    hash: str | None = None
    file_id: str | None = None  # None while it is only planned (dry run)
    version: int | None = None
    tags: list[str] = field(default_factory=list)
    info: dict[str, Any] = field(default_factory=dict)

    def same_content(self, size: int, content_hash: str) -> bool:
        """Whether this file holds content of that size and hash."""
        return self.size == size and self.hash == content_hash


@dataclass
class ProjectView:
    """A project as this run knows it; `id` is None while it is only planned.

    `created` is the server's creation time (None until read); `holds_data` says whether the
    server reported files, analyses, notes or counted children (subjects, sessions, ...).
    """

    group_id: str
    label: str
    id: str | None = None
    tags: list[str] = field(default_factory=list)
    info: dict[str, Any] = field(default_factory=dict)
    roles: dict[str, list[str]] = field(default_factory=dict)  # user id -> role ids
    files: dict[str, FileView] = field(default_factory=dict)  # by name
    created: datetime | None = None
    holds_data: bool = False

    @property
    def planned(self) -> bool:
        """Whether a dry run would have created it: it has no id yet."""
        return self.id is None

    @property
    def path(self) -> str:
        """The project's path for plan records: `<group id>/<project label>`."""
        return f"{self.group_id}/{self.label}"

    def existing_id(self) -> str:
        """The id; RuntimeError for a planned project, to which nothing can be sent."""
        if self.id is None:
            raise RuntimeError(f"project {self.path} has no id: it was never created")
        return self.id

    def take_state(self, other: ProjectView) -> None:
        """Copy the server-side state of a fresh read into this view."""
        self.id = other.id
        self.tags = list(other.tags)
        self.info = dict(other.info)
        self.roles = {user: list(roles) for user, roles in other.roles.items()}
        self.files = dict(other.files)
        self.created = other.created
        self.holds_data = other.holds_data


def sdk_value(obj: Any, name: str, default: Any = None) -> Any:
    """Field `name` of an SDK model or of a raw JSON dict (where `id` is spelled `_id`)."""
    if isinstance(obj, dict):
        if name in obj:
            return obj[name]
        return obj.get(f"_{name}", default) if name == "id" else default
    value = getattr(obj, name, default)
    return default if value is None else value


def sdk_items(response: Any) -> list[Any]:
    """The items of a list response: a plain list or a Page `{count, total, results}`."""
    if response is None:
        return []
    if isinstance(response, list):
        return response
    results = sdk_value(response, "results")
    return list(results) if results is not None else []


def _strings(values: Iterable[Any] | None) -> list[str]:
    return [str(value) for value in values or []]


def group_from_sdk(obj: Any) -> GroupView:
    """A GroupView from a GroupOutput (or its JSON)."""
    permissions = {
        str(sdk_value(p, "id")): str(sdk_value(p, "access"))
        for p in sdk_value(obj, "permissions") or []
    }
    group_id = str(sdk_value(obj, "id"))
    return GroupView(
        id=group_id,
        label=str(sdk_value(obj, "label") or group_id),
        tags=_strings(sdk_value(obj, "tags")),
        permissions=permissions,
    )


def timestamp(value: Any) -> datetime | None:
    """A server time (SDK datetime or ISO text, `Z` allowed) as an aware datetime; None if
    absent or unreadable. A naive time is taken as UTC (Flywheel's)."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    if not isinstance(value, datetime):
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=timezone.utc)


CHILD_COUNTERS = ("subjects", "sessions", "acquisitions", "files", "analyses")


def holds_data(obj: Any) -> bool:
    """Whether a project (SDK model or JSON) shows files, analyses, notes or counted children
    (ProjectOutput/ProjectListOutput `files`, `analyses`, `notes`, `stats.number_of`)."""
    if any(sdk_value(obj, name) for name in ("files", "analyses", "notes")):
        return True
    counters = sdk_value(sdk_value(obj, "stats"), "number_of")
    return any(sdk_value(counters, name) or 0 for name in CHILD_COUNTERS)


def project_from_sdk(obj: Any, group_id: str | None = None) -> ProjectView:
    """A ProjectView from a ProjectListOutput/ProjectOutput (or its JSON)."""
    roles = {
        str(sdk_value(p, "id")): _strings(sdk_value(p, "role_ids"))
        for p in sdk_value(obj, "permissions") or []
    }
    info = sdk_value(obj, "info") or {}
    files: dict[str, FileView] = {}
    for item in sdk_value(obj, "files") or []:
        view = file_from_sdk(item)
        files.setdefault(view.name, view)
    return ProjectView(
        group_id=str(sdk_value(obj, "group") or group_id),
        label=str(sdk_value(obj, "label")),
        id=str(sdk_value(obj, "id")),
        tags=_strings(sdk_value(obj, "tags")),
        info=dict(info),
        roles=roles,
        files=files,
        created=timestamp(sdk_value(obj, "created")),
        holds_data=holds_data(obj),
    )


def file_from_sdk(obj: Any) -> FileView:
    """A FileView from a FileOutput/FileListOutput (or its JSON)."""
    size = sdk_value(obj, "size")
    version = sdk_value(obj, "version")
    file_id = sdk_value(obj, "file_id") or sdk_value(obj, "id")
    return FileView(
        name=str(sdk_value(obj, "name")),
        size=int(size) if size is not None else None,
        hash=sdk_value(obj, "hash"),
        file_id=str(file_id) if file_id is not None else None,
        version=int(version) if version is not None else None,
        tags=_strings(sdk_value(obj, "tags")),
        info=dict(sdk_value(obj, "info") or {}),
    )
