"""What the gear makes, as plain data: one GroupPlan per group, from the project file.

For a project with suffix `S` (empty when primary, else `-<project-id>`), every center (only
those tagged `new-center` when `new_only`) gets group `<center-id>` labelled with the center's
name and tagged with its tags, holding `accepted<S>`, `retrospective-<datatype><S>` for every
datatype and, for active centers only, `ingest-<datatype><S>`; those projects carry the group's
tags and `info.project-id`. A published project adds group `release-<project-id>` (label
`<project> Release`) holding `master-project`. Admins get access to all of them (see apply).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from project_app.project_file import Center, Project

NEW_CENTER_TAG = "new-center"
MASTER_PROJECT = "master-project"
PROJECT_ID_INFO_KEY = "project-id"


@dataclass(frozen=True)
class GroupPlan:
    """One group to find or create, and the projects it must hold.

    `project_info` is set on every project; `tag_projects` says whether the projects carry
    the group's tags. `scope` names the plan in logs and failures.
    """

    scope: str
    group_id: str
    label: str
    tags: tuple[str, ...]
    projects: tuple[str, ...]
    project_info: dict[str, str] = field(default_factory=dict)
    tag_projects: bool = True


def project_labels(project: Project, center: Center) -> tuple[str, ...]:
    """The labels of the projects a center's group holds for `project`."""
    suffix = project.suffix
    labels = [f"accepted{suffix}"]
    labels += [f"retrospective-{datatype}{suffix}" for datatype in project.datatypes]
    if center.is_active:
        labels += [f"ingest-{datatype}{suffix}" for datatype in project.datatypes]
    return tuple(labels)


def center_plan(project: Project, center: Center) -> GroupPlan:
    """The group of one center of `project`."""
    return GroupPlan(
        scope=f"project {project.project_id}, center {center.center_id}",
        group_id=center.center_id,
        label=center.name,
        tags=tuple(center.tags),
        projects=project_labels(project, center),
        project_info={PROJECT_ID_INFO_KEY: project.project_id},
    )


def release_plan(project: Project) -> GroupPlan:
    """The release group of a published project."""
    return GroupPlan(
        scope=f"project {project.project_id}, release",
        group_id=project.release_group_id,
        label=f"{project.project} Release",
        tags=(),
        projects=(MASTER_PROJECT,),
        tag_projects=False,
    )


def selected_centers(project: Project, *, new_only: bool) -> list[Center]:
    """The centers to handle: all, or only those tagged `new-center` when `new_only`."""
    return [c for c in project.centers if not new_only or NEW_CENTER_TAG in c.tags]


def build_plan(projects: Iterable[Project], *, new_only: bool) -> list[GroupPlan]:
    """Every group to make, in project-file order: centers first, then the release group."""
    plan: list[GroupPlan] = []
    for project in projects:
        plan += [center_plan(project, c) for c in selected_centers(project, new_only=new_only)]
        if project.published:
            plan.append(release_plan(project))
    return plan
