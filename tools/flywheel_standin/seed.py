"""Reading a seed (YAML file or dict) into records; the dump uses the same shape.

```yaml
keys: [secret1]            # optional: accepted API keys (any key accepted when absent)
signed_urls: true          # optional: uploads go through signed URLs (default: direct multipart)
users: [{id: admin@example.org, email: admin@example.org, firstname: A, lastname: Admin}]
roles: [{id: role-admin, label: admin, default_flywheel_role: admin}]
groups:
  - id: nacc
    label: NACC
    tags: []
    permissions: [{id: admin@example.org, access: admin}]
    roles: [role-admin]     # optional: the group's role pool (default: every role)
    projects:
      - label: accepted     # optional id: (a 24-hex id is given when absent)
        tags: [x]
        info: {project-id: tau}
        permissions: [{id: admin@example.org, role_ids: [role-admin]}]
        files: [{name: a.csv, content: "x,y\n", type: tabular data, tags: [], info: {}}]
```
The first user is the one every API key authenticates as (an admin). Without `users` the
seed gets DEFAULT_USERS; without `roles`, DEFAULT_ROLES.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from flywheel_standin.model import AccessPermission, Json, Role, RolePermission, User

VIEW = ["containers_view_metadata", "files_view_metadata", "files_view_contents", "tags_view"]
EDIT = [
    *VIEW,
    "containers_create_hierarchy",
    "containers_modify_metadata",
    "files_create_single",
    "files_modify_metadata",
    "tags_manage",
    "notes_manage",
]
ADMIN = [*EDIT, "containers_delete_hierarchy", "project_permissions_manage"]

DEFAULT_USERS: list[Json] = [
    {"id": "admin@example.org", "email": "admin@example.org", "firstname": "A", "lastname": "Admin"}
]
DEFAULT_ROLES: list[Json] = [
    {"id": "role-admin", "label": "admin", "default_flywheel_role": "admin", "actions": ADMIN},
    {
        "id": "role-read-write",
        "label": "read-write",
        "default_flywheel_role": "rw",
        "actions": EDIT,
    },
    {"id": "role-read-only", "label": "read-only", "default_flywheel_role": "ro", "actions": VIEW},
]
ACCESS_LEVELS = ("admin", "rw", "ro")
# PyYAML's ComposerError.problem when a stream meant to hold one document holds more.
SECOND_DOCUMENT = "but found another document"


class SeedError(ValueError):
    """A seed that does not have the documented shape; the message names the field."""


def yaml_problem(path: Path, error: yaml.YAMLError) -> str:
    """One line naming `path` and, when PyYAML knows them, the line and column of `error`."""
    if not isinstance(error, yaml.MarkedYAMLError) or error.problem_mark is None:
        first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
        return f"{path}: not valid YAML: {first_line}"
    mark = error.problem_mark
    if isinstance(error, yaml.composer.ComposerError) and error.problem == SECOND_DOCUMENT:
        problem = "a second YAML document starts here; a seed is one document (remove the '---')"
    else:
        context = f" ({error.context})" if error.context else ""
        problem = f"{error.problem or 'invalid YAML'}{context}; fix the YAML syntax"
    return f"{path}, line {mark.line + 1}, column {mark.column + 1}: {problem}"


def read_seed(source: dict[str, Any] | Path | str | None) -> dict[str, Any]:
    """A seed dict from a dict, a YAML file path, or nothing (empty seed).

    A file that cannot be read, is not UTF-8, is not one valid YAML document or is not a
    mapping raises SeedError with a one-line message naming it (and the line and column).
    """
    if source is None:
        return {}
    if isinstance(source, dict):
        return source
    path = Path(source)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise SeedError(f"{path}: not UTF-8 text") from None
    except OSError as err:
        raise SeedError(f"{path}: cannot read the seed file ({err.strerror})") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        raise SeedError(yaml_problem(path, err)) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise SeedError(f"{path}: the seed must be a mapping with keys, users, roles, groups")
    return data


def items(data: dict[str, Any], key: str, where: str) -> list[dict[str, Any]]:
    """The list of mappings at `key` (empty when absent)."""
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise SeedError(f"seed {where}{key}: must be a list of mappings")
    return value


def text(data: dict[str, Any], key: str, where: str, default: str | None = None) -> str:
    """A required (or defaulted) string field."""
    value = data.get(key, default)
    if not isinstance(value, str) or not value:
        raise SeedError(f"seed {where}{key}: a non-empty string is required")
    return value


def strings(data: dict[str, Any], key: str, where: str) -> list[str]:
    """An optional list of strings."""
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SeedError(f"seed {where}{key}: must be a list of strings")
    return list(value)


def parse_user(data: dict[str, Any], where: str) -> User:
    """A user entry."""
    user_id = text(data, "id", where)
    return User(
        id=user_id,
        email=text(data, "email", where, default=user_id),
        firstname=str(data.get("firstname", "")),
        lastname=str(data.get("lastname", "")),
    )


def parse_role(data: dict[str, Any], where: str) -> Role:
    """A role entry."""
    return Role(
        id=text(data, "id", where),
        label=text(data, "label", where),
        default_flywheel_role=data.get("default_flywheel_role"),
        actions=strings(data, "actions", where),
    )


def parse_access(data: dict[str, Any], where: str) -> AccessPermission:
    """A group permission entry."""
    access = text(data, "access", where)
    if access not in ACCESS_LEVELS:
        raise SeedError(f"seed {where}access: must be one of {', '.join(ACCESS_LEVELS)}")
    return AccessPermission(user_id=text(data, "id", where), access=access)


def parse_role_permission(data: dict[str, Any], where: str) -> RolePermission:
    """A project permission (or permission template) entry."""
    return RolePermission(
        user_id=text(data, "id", where), role_ids=strings(data, "role_ids", where)
    )


def info_of(data: dict[str, Any], where: str) -> Json:
    """A project's optional info mapping."""
    info = data.get("info") or {}
    if not isinstance(info, dict):
        raise SeedError(f"seed {where}info: must be a mapping")
    return dict(info)


def flag(data: dict[str, Any], key: str, where: str = "") -> bool:
    """An optional boolean field (false when absent)."""
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise SeedError(f"seed {where}{key}: must be true or false")
    return value


def keys_of(data: dict[str, Any]) -> list[str] | None:
    """The accepted API keys, or None when any key is accepted."""
    if data.get("keys") is None:
        return None
    return strings(data, "keys", "")
