"""Carry out a plan through FlywheelAccess, one group at a time.

Before any write: the admin group must exist (its admins are the users with `admin` access on
it) and the site must have a project role labelled `admin`; otherwise the run fails naming
what is missing. Then each group is made in turn; a failure on one group is recorded and the
others still go ahead.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from flywheel_access import (
    DuplicateProjects,
    FlywheelAccess,
    FlywheelAccessError,
    GroupView,
    UnknownRole,
    as_work_failed,
    work_failed,
)
from gear_report import Failure
from gear_runner import WorkFailed
from project_app.plan import GroupPlan

log = logging.getLogger(__name__)

ADMIN_ACCESS = "admin"
ADMIN_ROLE_LABEL = "admin"


@dataclass(frozen=True)
class Admins:
    """The users who administer everything the gear makes, and the project role they get."""

    user_ids: tuple[str, ...]
    role_id: str


def find_admins(access: FlywheelAccess, admin_group: str) -> Admins:
    """The admins of `admin_group` and the `admin` role id; WorkFailed if either is missing."""
    with as_work_failed():
        group = access.group(admin_group)
        if group is None:
            raise WorkFailed(
                f"admin group '{admin_group}' does not exist on this Flywheel site; create it"
                " (with its admins) or set config admin_group to the administrators' group"
            )
        try:
            role_id = access.role_id(ADMIN_ROLE_LABEL)
        except UnknownRole as error:
            raise work_failed(error, "the site needs a project role labelled 'admin'") from None
    admins = tuple(group.admins())
    if not admins:
        log.warning("admin group '%s' has no user with admin access", admin_group)
    return Admins(user_ids=admins, role_id=role_id)


def apply_group(access: FlywheelAccess, plan: GroupPlan, admins: Admins) -> None:
    """Find or create one group, its tags, admin access and projects.

    The group's missing projects are created together, then re-read with one listing (see
    FlywheelAccess.ensure_projects: how concurrent runs converge). Same-label projects that no
    run may touch (left by hand or by an older version) are reported once the rest is done.
    """
    group: GroupView = access.ensure_group(plan.group_id, plan.label)
    access.ensure_group_tags(group, plan.tags)
    for user in admins.user_ids:
        access.ensure_group_permission(group, user, ADMIN_ACCESS)
    for project in access.ensure_projects(group, plan.projects):
        if plan.tag_projects:
            access.ensure_project_tags(project, group.tags)
        if plan.project_info:
            access.ensure_project_info(project, plan.project_info)
        for user in admins.user_ids:
            access.ensure_project_role(project, user, admins.role_id)
    problems = access.duplicates(group.id, plan.projects)
    if problems:
        raise DuplicateProjects("; ".join(problems))


def apply_plan(
    access: FlywheelAccess,
    plan: Iterable[GroupPlan],
    *,
    admin_group: str,
    failures: list[Failure] | None = None,
) -> list[Failure]:
    """Make every group of `plan`; the failures, one per group that could not be completed.

    Each failure is appended to `failures` (a new list if None) as it happens, so a run that
    stops early (a stop signal) still reports the groups that failed before.
    """
    admins = find_admins(access, admin_group)
    failures = [] if failures is None else failures
    for group_plan in plan:
        try:
            apply_group(access, group_plan, admins)
        except FlywheelAccessError as error:
            log.error("%s: failed: %s (going on with the others)", group_plan.scope, error)
            failures.append(Failure(group_plan.scope, str(error)))
    return failures
