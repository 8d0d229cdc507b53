"""FlywheelAccess: find-or-create for groups and projects, their tags, info and permissions."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flywheel_access.failures import client_secrets
from flywheel_access.local_file import LocalFile
from flywheel_access.reader import FlywheelReader
from flywheel_access.records import (
    FlywheelAccessError,
    Outcome,
    PlanRecord,
    ReadFailed,
    UnknownGroup,
    UnknownRole,
)
from flywheel_access.retry import RetryPolicy
from flywheel_access.same_label import UNCONFIRMED, by_label, is_unconfirmed, settle
from flywheel_access.sdk_retries import restrict_sdk_retries_to_reads
from flywheel_access.views import ACCESS_LEVELS, FileView, GroupView, ProjectView, access_covers
from flywheel_access.writer import Writer
from gear_stop import STOP, StopFlag


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


class FlywheelAccess:
    """The typed layer a gear works through (project_management's `apply.py` is the example).

    Reads are listed once and cached (see `reader`); every write goes through `Writer.submit`,
    which records it and, in a dry run, sends nothing. Containers a dry run would create are
    returned as planned views, and later steps on them are planned too. The client's own SDK
    retries are limited to reads (`sdk_retries`), so a write has one retry layer: ours. After a
    stop signal (`stop`, the process's `gear_stop.STOP` unless a test gives its own) no write
    starts: `StopRequested` is raised where it would have.
    """

    def __init__(
        self,
        client: Any,
        *,
        dry_run: bool,
        retry: RetryPolicy | None = None,
        stop: StopFlag = STOP,
    ) -> None:
        restrict_sdk_retries_to_reads(client)
        secrets = client_secrets(client)
        self.reader = FlywheelReader(client, secrets=secrets)
        self.writer = Writer(
            client,
            self.reader,
            dry_run=dry_run,
            retry=retry or RetryPolicy(),
            secrets=secrets,
            stop=stop,
        )
        self._duplicates: dict[tuple[str, str], str] = {}  # (group id, label) -> problem

    @property
    def dry_run(self) -> bool:
        """Whether writes are only planned."""
        return self.writer.dry_run

    @property
    def records(self) -> list[PlanRecord]:
        """Every write planned, made, found already there or failed, in order."""
        return self.writer.records

    # -- reads --------------------------------------------------------------------------------

    def group(self, group_id: str) -> GroupView | None:
        """The group from the cached group list (or planned this run), None if missing."""
        return self.reader.groups().get(group_id)

    def admins_of(self, group_id: str) -> list[str]:
        """Users with `admin` access on the group; UnknownGroup if it does not exist."""
        group = self.group(group_id)
        if group is None:
            raise UnknownGroup(f"group '{group_id}' does not exist on this Flywheel site")
        return group.admins()

    def role_id(self, label: str) -> str:
        """The id of the site role labelled `label`; UnknownRole if there is none."""
        roles = self.reader.roles()
        for role in roles:
            if role.label == label:
                return role.id
        known = ", ".join(sorted(role.label for role in roles)) or "none"
        raise UnknownRole(f"no role labelled '{label}' on this Flywheel site (roles: {known})")

    # -- find or create -----------------------------------------------------------------------

    def ensure_group(self, group_id: str, label: str) -> GroupView:
        """The group, created with `label` if missing (an existing one is never renamed)."""
        payload = {"id": group_id, "label": label}
        existing = self.group(group_id)
        if existing is not None:
            self.writer.already("create_group", existing, payload)
            return existing
        group = GroupView(id=group_id, label=label, planned=True)
        record = self.writer.submit("create_group", group, payload)
        if self.dry_run:
            self._predict_group_defaults(group)
        else:
            # The server adds defaults (the creator's admin access): learn them.
            self.reader.refresh_group(group)
        # ALREADY (a 409: someone else made it meanwhile) means it may hold projects.
        self.reader.remember_group(group, created=record.outcome is not Outcome.ALREADY)
        return group

    def ensure_group_tags(self, group: GroupView, tags: Iterable[str]) -> None:
        """Add each missing tag to the group; existing tags are kept."""
        self._ensure_tags("add_group_tag", group, tags)

    def ensure_group_permission(self, group: GroupView, user_id: str, access: str) -> None:
        """Give the user at least `access` (admin, rw or ro) on the group; never downgrade."""
        if access not in ACCESS_LEVELS:
            raise ValueError(f"group access must be one of {ACCESS_LEVELS}, not {access!r}")
        payload = {"user": user_id, "access": access}
        current = group.permissions.get(user_id)
        if current is None:
            self.writer.submit("add_group_permission", group, payload)
        elif access_covers(current, access):
            self.writer.already("add_group_permission", group, payload)
        else:
            self.writer.submit("update_group_permission", group, payload)

    def ensure_projects(self, group: GroupView, labels: Iterable[str]) -> list[ProjectView]:
        """The group's projects labelled `labels` (in order, each once), created if missing.

        Concurrent runs may create the same label at once; they converge by the same-label
        rule (`same_label`). Every missing project is created first, marked unconfirmed; then,
        when any was, the group's projects are listed once, fresh, and each label is settled
        from that listing: the winner is used (and confirmed if unconfirmed), unconfirmed
        empty losers (this run's own included) are deleted, other duplicates are kept and
        reported by `duplicates`. A batch costs one read however many it creates; a dry run
        predicts instead. When a creation, deletion or the listing fails, the group's cached
        projects are dropped, so a later call lists them again rather than creating twins.
        """
        wanted = _unique(labels)
        try:
            known = self.reader.projects(group)
            created: list[ProjectView] = []
            for label in wanted:
                if label in known:
                    payload = {"group": group.id, "label": label}
                    self.writer.already("create_project", known[label][0], payload)
                else:
                    created.append(self._create_project(group, label))
            if created and not self.dry_run:
                known = by_label(self.reader.fresh_projects(group.id))
            mine = {project.label: project for project in created}
            return [self._settle(group, label, known, mine.get(label)) for label in wanted]
        except FlywheelAccessError:
            self.reader.forget_projects(group.id)
            raise

    def duplicates(self, group_id: str, labels: Iterable[str]) -> list[str]:
        """One line per label of `labels` whose group holds duplicates no run may touch."""
        return [
            self._duplicates[group_id, label]
            for label in _unique(labels)
            if (group_id, label) in self._duplicates
        ]

    def _create_project(self, group: GroupView, label: str) -> ProjectView:
        payload = {"group": group.id, "label": label, "info": {UNCONFIRMED: True}}
        project = ProjectView(group_id=group.id, label=label, info={UNCONFIRMED: True})
        self.writer.submit("create_project", project, payload)
        return project

    def _settle(
        self,
        group: GroupView,
        label: str,
        known: dict[str, list[ProjectView]],
        mine: ProjectView | None,
    ) -> ProjectView:
        """The project to use for `label`: the one planned in a dry run, else the winner.

        `mine` is the project this run created (or planned) for `label`, if any.
        """
        if mine is not None and mine.planned:
            project = mine
            self._predict_project_defaults(project)
        else:
            candidates = known.get(label, [])
            if not candidates:
                made = f" (id {mine.id})" if mine is not None else ""
                raise ReadFailed(
                    f"project {group.id}/{label} was created{made} but the listing of group"
                    f" {group.id}'s projects (GET /api/groups/{group.id}/projects) lacks it"
                )
            settled = settle(candidates)
            for loser in settled.removable:
                self.writer.submit("delete_project", loser, {"id": loser.id})
            problem = settled.problem()
            if problem is not None:
                self._duplicates[group.id, label] = problem
            project = settled.winner
        if is_unconfirmed(project):
            self.writer.submit("confirm_project", project, {"delete": [UNCONFIRMED]})
        self.reader.remember_project(project)
        return project

    def ensure_project_tags(self, project: ProjectView, tags: Iterable[str]) -> None:
        """Add each missing tag to the project; existing tags are kept."""
        self._ensure_tags("add_project_tag", project, tags)

    def ensure_project_info(self, project: ProjectView, info: dict[str, Any]) -> None:
        """Set the info keys whose values differ; other keys are left alone."""
        missing = {key: value for key, value in info.items() if project.info.get(key) != value}
        if missing:
            self.writer.submit("set_project_info", project, {"info": missing})
        else:
            self.writer.already("set_project_info", project, {"info": dict(info)})

    def ensure_project_role(self, project: ProjectView, user_id: str, role_id: str) -> None:
        """Give the user role `role_id` on the project, keeping the roles they have."""
        current = project.roles.get(user_id)
        if current is None:
            self.writer.submit(
                "add_project_permission", project, {"user": user_id, "role_ids": [role_id]}
            )
        elif role_id in current:
            self.writer.already(
                "add_project_permission", project, {"user": user_id, "role_ids": [role_id]}
            )
        else:
            self.writer.submit(
                "update_project_permission",
                project,
                {"user": user_id, "role_ids": [*current, role_id]},
            )

    # -- files of a project --------------------------------------------------------------------

    def projects_labelled(self, label: str) -> dict[str, ProjectView]:
        """Every project labelled `label`, by group id, with its files (one paged listing)."""
        return self.reader.projects_labelled(label)

    def project_file(self, project: ProjectView, name: str) -> FileView | None:
        """The project's file `name` with its size and hash, None if it has none."""
        return project.files.get(name)

    def ensure_file(self, project: ProjectView, local: LocalFile, **details: Any) -> PlanRecord:
        """Upload `local` as the project's file `local.name` unless that file already has the
        same content (size and hash); a file with other content gets a new version. `details`
        (JSON-ready) are shown in the plan record."""
        payload = {**local.payload(), **details}
        existing = self.project_file(project, local.name)
        if existing is not None and existing.same_content(local.size, local.hash):
            return self.writer.already("upload_file", project, payload)
        return self.writer.submit("upload_file", project, payload)

    def ensure_file_tags(self, project: ProjectView, name: str, tags: Iterable[str]) -> None:
        """Add each missing tag to the project's file `name`."""
        current = self._existing_file(project, name)
        for tag in _unique(tags):
            payload = {"file": name, "tag": tag}
            if tag in current.tags:
                self.writer.already("add_file_tag", project, payload)
            else:
                self.writer.submit("add_file_tag", project, payload)

    def ensure_file_info(self, project: ProjectView, name: str, info: dict[str, Any]) -> None:
        """Set the info keys of the project's file `name` whose values differ."""
        current = self._existing_file(project, name)
        missing = {key: value for key, value in info.items() if current.info.get(key) != value}
        if missing:
            self.writer.submit("set_file_info", project, {"file": name, "info": missing})
        else:
            self.writer.already("set_file_info", project, {"file": name, "info": dict(info)})

    def _existing_file(self, project: ProjectView, name: str) -> FileView:
        found = self.project_file(project, name)
        if found is None:
            raise ValueError(f"{project.path} has no file {name!r}: upload it first")
        return found

    def _ensure_tags(
        self, operation: str, target: GroupView | ProjectView, tags: Iterable[str]
    ) -> None:
        for tag in _unique(tags):
            payload = {"tag": tag}
            if tag in target.tags:
                self.writer.already(operation, target, payload)
            else:
                self.writer.submit(operation, target, payload)

    # -- what the server adds to a container it creates ---------------------------------------
    # A real run re-reads what it creates (`GET /api/groups/{id}` for a new group, one fresh
    # listing of the group's projects for a batch of new projects); a dry run cannot, so it
    # assumes what Flywheel does: the creator gets `admin` access on a new group and the first
    # role whose default access is `admin` on a new project. The dry-run plan then lists the
    # same writes a real run sends.

    def _predict_group_defaults(self, group: GroupView) -> None:
        group.permissions.setdefault(self.reader.current_user_id(), "admin")

    def _predict_project_defaults(self, project: ProjectView) -> None:
        admin_roles = [r.id for r in self.reader.roles() if r.default_access == "admin"]
        if admin_roles:
            project.roles.setdefault(self.reader.current_user_id(), admin_roles[:1])
