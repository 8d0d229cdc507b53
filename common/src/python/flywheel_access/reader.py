"""Reads from Flywheel: each list read once per run and cached; fresh reads bypass the cache.

Read budget of a run: one `GET /api/groups` (every group with its permissions and tags), one
`GET /api/roles`, one `GET /api/users/self` (only when a dry run plans a creation), and one
`GET /api/groups/{id}/projects?include_all_info=true` per group whose projects are asked for
(projects with tags, info and permissions), or one `GET /api/projects?filter=label=<label>` for
every project with that label, in every group, with their files (`projects_labelled`). A real
run that creates containers learns what the server gave them with one fresh read each time:
`GET /api/groups/{id}` after creating a group, one fresh project listing of the group after
creating a batch of its projects (see `FlywheelAccess.ensure_projects`). Lists are paged with
`limit`/`after_id` like the SDK's finders, but a page shorter than the limit ends the listing, so
a list that fits one page costs one request (the SDK's `iter_find` always asks once more and
gets an empty page).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from flywheel_access.answers import LIST, OBJECT, answer_shape_problem
from flywheel_access.failures import classify
from flywheel_access.records import ReadFailed
from flywheel_access.same_label import by_label, winner
from flywheel_access.views import (
    GroupView,
    ProjectView,
    RoleView,
    group_from_sdk,
    project_from_sdk,
    sdk_items,
    sdk_value,
)

log = logging.getLogger(__name__)

PAGE_SIZE = 250  # the SDK finders' own page size, which every Flywheel accepts
NOT_FOUND = 404


def escape_filter_value(value: str) -> str:
    """A value for a Flywheel `filter=` parameter (commas must be backslash-escaped)."""
    return value.replace("\\", "\\\\").replace(",", "\\,")


class FlywheelReader:
    """Cached and fresh reads of groups, projects and roles."""

    def __init__(self, client: Any, *, secrets: Iterable[str] = ()) -> None:
        self._client = client
        self._secrets = tuple(secrets)
        self._groups: dict[str, GroupView] | None = None
        self._projects: dict[str, dict[str, list[ProjectView]]] = {}
        self._roles: list[RoleView] | None = None
        self._labelled: dict[str, dict[str, ProjectView]] = {}
        self._current_user: str | None = None

    # -- cached lists -------------------------------------------------------------------------

    def groups(self) -> dict[str, GroupView]:
        """Every group by id, from one listing per run."""
        if self._groups is None:
            listed = self._list_all("groups", "GET /api/groups", self._client.get_all_groups)
            self._groups = {}
            for item in listed:
                view = group_from_sdk(item)
                self._groups.setdefault(view.id, view)
        return self._groups

    def projects(self, group: GroupView) -> dict[str, list[ProjectView]]:
        """The group's projects by label (same-label ones oldest first), from one listing per
        group and run. A group that is only planned (dry run) has none and costs no request.
        """
        if group.id not in self._projects:
            listed = [] if group.planned else self.fresh_projects(group.id)
            self._projects[group.id] = by_label(listed)
        return self._projects[group.id]

    def projects_labelled(self, label: str) -> dict[str, ProjectView]:
        """Every project labelled `label`, by group id, with its files (size, hash, tags, info):
        one paged listing per label and run, however many groups have one. Where a group has
        several, the same-label rule's winner (oldest `created`, then smallest id) is used."""
        if label not in self._labelled:
            listed = self._list_all(
                f"projects labelled {label!r}",
                "GET /api/projects",
                self._client.get_all_projects,
                filter=f"label={escape_filter_value(label)}",
                include_all_info=True,
            )
            grouped: dict[str, list[ProjectView]] = {}
            for item in listed:
                view = project_from_sdk(item)
                if view.label == label:
                    grouped.setdefault(view.group_id, []).append(view)
            found: dict[str, ProjectView] = {}
            for group_id, same in grouped.items():
                found[group_id] = winner(same)
                if len(same) > 1:
                    log.warning(
                        "group %s has %d projects labelled %r; using the oldest, %s",
                        group_id,
                        len(same),
                        label,
                        found[group_id].id,
                    )
            self._labelled[label] = found
        return self._labelled[label]

    def roles(self) -> list[RoleView]:
        """Every site role, in the server's order, from one `GET /api/roles` per run."""
        if self._roles is None:
            response = self._call(
                "roles", "GET /api/roles", self._client.get_all_roles, expect=LIST
            )
            self._roles = [
                RoleView(
                    id=str(sdk_value(role, "id")),
                    label=str(sdk_value(role, "label")),
                    default_access=sdk_value(role, "default_flywheel_role"),
                )
                for role in sdk_items(response)
            ]
            log.debug("read %d roles", len(self._roles))
        return self._roles

    def current_user_id(self) -> str:
        """The id of the user the client authenticates as (`GET /api/users/self`), cached."""
        if self._current_user is None:
            me = self._call(
                "the current user",
                "GET /api/users/self",
                self._client.get_current_user,
                expect=OBJECT,
            )
            self._current_user = str(sdk_value(me, "id"))
        return self._current_user

    def remember_group(self, group: GroupView, *, created: bool) -> None:
        """Add a group this run found, created or planned to the cache.

        A group this run created (or plans to) has no projects yet: none will be listed.
        """
        self.groups()[group.id] = group
        if created:
            self._projects.setdefault(group.id, {})

    def remember_project(self, project: ProjectView) -> None:
        """Make `project` the one cached for its label (created, planned or settled)."""
        self._projects.setdefault(project.group_id, {})[project.label] = [project]

    def forget_projects(self, group_id: str) -> None:
        """Drop the group's cached projects: the next `projects` call lists them again."""
        self._projects.pop(group_id, None)

    # -- fresh reads (never cached) -----------------------------------------------------------

    def fresh_group(self, group_id: str) -> GroupView | None:
        """The group as the server has it now (`GET /api/groups/{id}`), None if missing."""
        found = self._call(
            f"group {group_id}",
            f"GET /api/groups/{group_id}",
            self._client.get_group,
            group_id,
            missing_ok=True,
            expect=OBJECT,
        )
        return None if found is None else group_from_sdk(found)

    def fresh_projects(self, group_id: str) -> list[ProjectView]:
        """The group's projects as the server has them now: one paged listing, never cached."""
        return [project_from_sdk(item, group_id) for item in self._list_projects(group_id)]

    def fresh_project(self, project: ProjectView) -> ProjectView | None:
        """The project as the server has it now, None if missing.

        By id when known (`GET /api/projects/{id}`); else by label within its group.
        """
        if project.id is not None:
            found = self._call(
                f"project {project.path}",
                f"GET /api/projects/{project.id}",
                self._client.get_project,
                project.id,
                missing_ok=True,
                expect=OBJECT,
            )
            return None if found is None else project_from_sdk(found, project.group_id)
        matches = [
            view
            for view in (
                project_from_sdk(item, project.group_id)
                for item in self._list_projects(
                    project.group_id, label_filter=f"label={escape_filter_value(project.label)}"
                )
            )
            if view.label == project.label
        ]
        return winner(matches) if matches else None

    def refresh_group(self, group: GroupView) -> bool:
        """Update `group` from a fresh read; False when the server has no such group."""
        fresh = self.fresh_group(group.id)
        if fresh is None:
            return False
        group.take_state(fresh)
        return True

    def refresh_project(self, project: ProjectView) -> bool:
        """Update `project` from a fresh read; False when the server has no such project."""
        fresh = self.fresh_project(project)
        if fresh is None:
            return False
        project.take_state(fresh)
        return True

    # -- plumbing -----------------------------------------------------------------------------

    def _list_projects(self, group_id: str, label_filter: str | None = None) -> list[Any]:
        extra: dict[str, Any] = {"include_all_info": True}
        if label_filter is not None:
            extra["filter"] = label_filter
        return self._list_all(
            f"projects of group {group_id}",
            f"GET /api/groups/{group_id}/projects",
            self._client.get_group_projects,
            group_id,
            **extra,
        )

    def _list_all(
        self, what: str, request: str, fetch: Callable[..., Any], *args: Any, **kwargs: Any
    ) -> list[Any]:
        """Every item of a paged list; stops at a short page or when a page brings nothing new."""
        items: list[Any] = []
        seen: set[str] = set()
        after_id: str | None = None
        while True:
            params = dict(kwargs, limit=PAGE_SIZE)
            if after_id is not None:
                params["after_id"] = after_id
            page = sdk_items(self._call(what, request, fetch, *args, expect=LIST, **params))
            new = [item for item in page if str(sdk_value(item, "id")) not in seen]
            items += new
            seen.update(str(sdk_value(item, "id")) for item in new)
            if len(page) < PAGE_SIZE or not new:
                break
            after_id = str(sdk_value(page[-1], "id"))
        log.debug("read %d %s", len(items), what)
        return items

    def _call(
        self,
        what: str,
        request: str,
        fetch: Callable[..., Any],
        *args: Any,
        missing_ok: bool = False,
        expect: str,
        **kwargs: Any,
    ) -> Any:
        """One read request, the choke point of every read: a 404 gives None when `missing_ok`;
        other failures, and an answer of another shape than `expect` (LIST: a list or a page
        of items with ids; OBJECT: one item with an id), give ReadFailed."""
        log.debug("reading %s: %s", what, request)
        try:
            answer = fetch(*args, **kwargs)
        except Exception as error:
            failure = classify(error, self._secrets)
            if failure is None:
                raise
            if missing_ok and failure.status == NOT_FOUND:
                return None
            raise ReadFailed(f"reading {what} ({request}) failed: {failure.reason}") from error
        problem = answer_shape_problem(answer, expect)
        if problem is not None:
            raise ReadFailed(f"reading {what} ({request}) failed: Flywheel's answer {problem}")
        return answer
