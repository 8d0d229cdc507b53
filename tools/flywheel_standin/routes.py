"""The endpoints: (method, path pattern) -> handler over the Store."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from flywheel_standin import tree
from flywheel_standin.errors import HttpError, bad_request
from flywheel_standin.listing import list_response
from flywheel_standin.model import Json, list_shape
from flywheel_standin.store import Store, permission_of


@dataclass(frozen=True)
class Call:
    """One request as a handler sees it."""

    params: tuple[str, ...]  # path parameters, URL-decoded
    query: Mapping[str, Sequence[str]]
    body: Any  # the body parsed as JSON, None when it is empty or not JSON
    paginated: bool  # the client sent X-Accept-Feature: pagination
    raw: bytes = b""  # the body as sent (uploads)
    content_type: str = ""
    host: str = ""  # the Host header: where the client reached this server

    def one(self, name: str) -> str | None:
        """A query parameter's last value, None when absent (`?ticket=` gives "")."""
        values = self.query.get(name)
        return values[-1] if values else None

    def flag(self, name: str) -> bool:
        """A boolean query parameter (`?inherit=true`)."""
        values = self.query.get(name) or ["false"]
        return values[-1].lower() in ("true", "1", "yes")

    def json(self) -> Json:
        """The body, which must be a JSON object."""
        if self.body is None and self.raw.strip():
            raise bad_request("The request body is not valid JSON")
        if not isinstance(self.body, dict):
            raise bad_request("The request body must be a JSON object")
        return self.body


Result = tuple[int, Any]
Handler = Callable[[Store, Call], Result]
ROUTES: list[tuple[str, re.Pattern[str], Handler]] = []
PUBLIC: list[tuple[str, re.Pattern[str]]] = []  # routes that need no API key
SEGMENT = r"([^/]+)"


def route(method: str, pattern: str, *, public: bool = False) -> Callable[[Handler], Handler]:
    """Register a handler; `{}` in the pattern is one path segment. A `public` route is
    answered without an API key (a signed URL carries its own ticket)."""

    def register(handler: Handler) -> Handler:
        regex = re.compile("^/api" + pattern.replace("{}", SEGMENT) + "$")
        ROUTES.append((method, regex, handler))
        if public:
            PUBLIC.append((method, regex))
        return handler

    return register


def is_public(method: str, raw_path: str) -> bool:
    """Whether this request is answered without an API key."""
    return any(m == method and regex.match(raw_path) for m, regex in PUBLIC)


def dispatch(store: Store, method: str, raw_path: str, call: Call) -> Result:
    """Run the handler for this request, or answer 404/405 in Flywheel's error shape."""
    allowed = False
    for route_method, regex, handler in ROUTES:
        matched = regex.match(raw_path)
        if matched:
            allowed = True
            if route_method == method:
                params = tuple(unquote(p) for p in matched.groups())
                return handler(store, dataclasses.replace(call, params=params))
    if allowed:
        raise HttpError(405, f"Method {method} not allowed on {raw_path}")
    raise HttpError(404, f"No such endpoint: {method} {raw_path}")


MODIFIED: Json = {"modified": 1}


# -- session and users ---------------------------------------------------------------------
@route("GET", "/auth/status")
def auth_status(store: Store, call: Call) -> Result:
    user = store.current_user
    return 200, {
        "origin": {"type": "user", "id": user.id},
        "user_id": user.id,
        "user_is_admin": True,
        "is_device": False,
        "roles": ["site_admin"],
    }


@route("GET", "/users/self")
def current_user(store: Store, call: Call) -> Result:
    return 200, {**store.current_user.wire(), "roles": ["site_admin"], "root": True}


@route("GET", "/users")
def all_users(store: Store, call: Call) -> Result:
    users = [u.wire() for u in store.users.values()]
    return 200, list_response(users, call.query, paginated=call.paginated)


@route("GET", "/users/{}")
def one_user(store: Store, call: Call) -> Result:
    return 200, store.user(call.params[0]).wire()


# -- roles ---------------------------------------------------------------------------------
@route("GET", "/roles")
def all_roles(store: Store, call: Call) -> Result:
    roles = [r.wire(store.role_in_use(r.id)) for r in store.roles.values()]
    return 200, list_response(roles, call.query, paginated=call.paginated)


@route("GET", "/roles/{}")
def one_role(store: Store, call: Call) -> Result:
    role = store.role(call.params[0])
    return 200, role.wire(store.role_in_use(role.id))


# -- groups --------------------------------------------------------------------------------
@route("GET", "/groups")
def all_groups(store: Store, call: Call) -> Result:
    groups = [g.wire() for g in store.groups.values()]
    return 200, list_response(groups, call.query, paginated=call.paginated)


@route("POST", "/groups")
def add_group(store: Store, call: Call) -> Result:
    return 200, {"_id": store.add_group(call.json())}


@route("GET", "/groups/{}")
def get_group(store: Store, call: Call) -> Result:
    return 200, store.group(call.params[0]).wire()


@route("PUT", "/groups/{}")
def modify_group(store: Store, call: Call) -> Result:
    store.modify_group(store.group(call.params[0]), call.json())
    return 200, MODIFIED


@route("POST", "/groups/{}/tags")
def add_group_tag(store: Store, call: Call) -> Result:
    group = store.group(call.params[0])
    store.add_tag(group.tags, group.stamp, call.json())
    return 200, MODIFIED


@route("DELETE", "/groups/{}/tags/{}")
def delete_group_tag(store: Store, call: Call) -> Result:
    group = store.group(call.params[0])
    store.delete_tag(group.tags, group.stamp, call.params[1])
    return 200, {"deleted": 1}


@route("POST", "/groups/{}/permissions")
def add_group_permission(store: Store, call: Call) -> Result:
    return 200, store.add_group_permission(store.group(call.params[0]), call.json()).wire()


@route("GET", "/groups/{}/permissions/{}")
def get_group_permission(store: Store, call: Call) -> Result:
    permissions = store.group(call.params[0]).permissions
    return 200, permission_of(permissions, call.params[1]).wire()


@route("PUT", "/groups/{}/permissions/{}")
def modify_group_permission(store: Store, call: Call) -> Result:
    group = store.group(call.params[0])
    return 200, store.modify_group_permission(group, call.params[1], call.json()).wire()


@route("DELETE", "/groups/{}/permissions/{}")
def delete_group_permission(store: Store, call: Call) -> Result:
    group = store.group(call.params[0])
    store.delete_permission(group.permissions, group.stamp, call.params[1])
    return 200, MODIFIED


@route("GET", "/groups/{}/roles")
def group_roles(store: Store, call: Call) -> Result:
    group = store.group(call.params[0])
    return 200, [store.role(r).wire(store.role_in_use(r)) for r in group.roles]


@route("POST", "/groups/{}/roles")
def add_group_role(store: Store, call: Call) -> Result:
    role = store.add_group_role(store.group(call.params[0]), call.json())
    return 200, role.wire(store.role_in_use(role.id))


@route("GET", "/groups/{}/projects")
def group_projects(store: Store, call: Call) -> Result:
    projects = [p.wire() for p in store.projects_of(store.group(call.params[0]).id)]
    return 200, project_list(projects, call)


# -- projects ------------------------------------------------------------------------------
def project_list(projects: list[Json], call: Call) -> Any:
    """Projects as list endpoints return them (see model.list_shape for the fields)."""
    include = call.flag("include_all_info")
    return list_response(
        projects,
        call.query,
        paginated=call.paginated,
        project=lambda p: list_shape(p, include),
    )


@route("GET", "/projects")
def all_projects(store: Store, call: Call) -> Result:
    projects = [p.wire() for p in sorted(store.projects.values(), key=lambda p: p.id)]
    return 200, project_list(projects, call)


@route("POST", "/projects")
def add_project(store: Store, call: Call) -> Result:
    return 200, {"_id": store.add_project(call.json(), inherit=call.flag("inherit"))}


@route("GET", "/projects/{}")
def get_project(store: Store, call: Call) -> Result:
    return 200, store.project(call.params[0]).wire()


@route("DELETE", "/projects/{}")
def delete_project(store: Store, call: Call) -> Result:
    store.delete_project(store.project(call.params[0]))
    return 200, {"deleted": 1}


@route("PUT", "/projects/{}")
def modify_project(store: Store, call: Call) -> Result:
    store.modify_project(store.project(call.params[0]), call.json())
    return 200, MODIFIED


@route("POST", "/projects/{}/tags")
def add_project_tag(store: Store, call: Call) -> Result:
    project = store.project(call.params[0])
    store.add_tag(project.tags, project.stamp, call.json())
    return 200, MODIFIED


@route("DELETE", "/projects/{}/tags/{}")
def delete_project_tag(store: Store, call: Call) -> Result:
    project = store.project(call.params[0])
    store.delete_tag(project.tags, project.stamp, call.params[1])
    return 200, {"deleted": 1}


@route("PATCH", "/projects/{}/info")
def modify_project_info(store: Store, call: Call) -> Result:
    store.modify_project_info(store.project(call.params[0]), call.json())
    return 200, MODIFIED


@route("POST", "/projects/{}/permissions")
def add_project_permission(store: Store, call: Call) -> Result:
    return 200, store.add_project_permission(store.project(call.params[0]), call.json()).wire()


@route("GET", "/projects/{}/permissions/{}")
def get_project_permission(store: Store, call: Call) -> Result:
    permissions = store.project(call.params[0]).permissions
    return 200, permission_of(permissions, call.params[1]).wire()


@route("PUT", "/projects/{}/permissions/{}")
def modify_project_permission(store: Store, call: Call) -> Result:
    project = store.project(call.params[0])
    return 200, store.modify_project_permission(project, call.params[1], call.json()).wire()


@route("DELETE", "/projects/{}/permissions/{}")
def delete_project_permission(store: Store, call: Call) -> Result:
    project = store.project(call.params[0])
    store.delete_permission(project.permissions, project.stamp, call.params[1])
    return 200, MODIFIED


# -- paths ---------------------------------------------------------------------------------
def path_of(call: Call) -> list[str]:
    """The `path` list of a lookup/resolve body."""
    path = call.json().get("path")
    if not isinstance(path, list) or not all(isinstance(p, str) for p in path):
        raise bad_request("path must be a list of strings")
    return [p for p in path if p]


@route("POST", "/lookup")
def lookup(store: Store, call: Call) -> Result:
    return 200, tree.lookup(store, path_of(call))


@route("POST", "/resolve")
def resolve(store: Store, call: Call) -> Result:
    path = path_of(call)
    return 200, {"path": tree.resolve_path(store, path), "children": tree.children(store, path)}
