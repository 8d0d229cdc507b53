"""Which centers can take rows: a center is a group with a project labelled `target_project`.

Read once per run, whatever the number of rows: one group listing (`GET /api/groups`) and one
project listing by label (`GET /api/projects?filter=label=...`), each paged.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from flywheel_access import FlywheelAccess, ProjectView
from message_quotes import quoted


@dataclass(frozen=True)
class Centers:
    """The site's groups and the target project of those that have one."""

    target_project: str
    groups: frozenset[str]
    projects: Mapping[str, ProjectView]

    @classmethod
    def read(cls, access: FlywheelAccess, target_project: str) -> Centers:
        """Both listings, from Flywheel."""
        groups = frozenset(access.reader.groups())
        return cls(target_project, groups, access.projects_labelled(target_project))

    def problem(self, center: str) -> str | None:
        """Why rows of `center` cannot be placed, or None when they can."""
        if not center:
            return "empty center"
        if center in self.projects:
            return None
        if center not in self.groups:
            return f"unknown center: no group {quoted(center)}"
        return f"center {quoted(center)} has no project {quoted(self.target_project)}"
