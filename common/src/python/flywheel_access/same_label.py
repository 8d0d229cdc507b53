"""Which of several same-label projects is *the* one: a rule every concurrent run agrees on.

Flywheel lets a group hold two projects with one label, has no transactions, and assigns ids
and `created` times itself. Runs started together may therefore each create a project with the
same label. They converge by one deterministic rule applied to what the server lists:

- the winner is the project with the oldest `created`, then the smallest id;
- a project this code creates carries `info[UNCONFIRMED]` from its creation request on, until
  a run that uses it as the winner removes the key (`confirm`); no run writes anything else to
  a project before it has seen it win;
- a loser that is unconfirmed and holds no data was made by a run of this code and never used:
  any run removes it (its creator, after re-reading, or another run, if its creator died);
- any other loser (no marker: left by an older version or made by hand; or holding data) is
  reported and left alone: it is never merged or deleted.

Why this is safe, and what it assumes of Flywheel: docs/common/flywheel_access.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone

from flywheel_access.views import ProjectView

UNCONFIRMED = "flywheel-access-unconfirmed"  # info key of a project no run has seen win yet
_NEVER = datetime.max.replace(tzinfo=timezone.utc)


def creation_order(project: ProjectView) -> tuple[datetime, str]:
    """Sort key: oldest `created` first (unknown last), then smallest id."""
    return (project.created or _NEVER, project.id or "")


def winner(candidates: Iterable[ProjectView]) -> ProjectView:
    """The project the rule keeps among those sharing one label (at least one): the first in
    creation order. Every reader and writer picks it through here."""
    return min(candidates, key=creation_order)


def is_unconfirmed(project: ProjectView) -> bool:
    """Whether the project still carries the creation marker."""
    return UNCONFIRMED in project.info


@dataclass
class Settled:
    """The outcome of the rule for one label: the winner and what to do with the others."""

    winner: ProjectView
    removable: list[ProjectView] = field(default_factory=list)  # unconfirmed, no data
    foreign: list[ProjectView] = field(default_factory=list)  # reported, never touched

    def problem(self) -> str | None:
        """One line about the foreign duplicates, or None when there are none."""
        if not self.foreign:
            return None
        others = ", ".join(project.id or "?" for project in self.foreign)
        return (
            f"group {self.winner.group_id} has {len(self.foreign) + 1} projects labelled"
            f" '{self.winner.label}' (the oldest, {self.winner.id}, is used; not made by this"
            f" gear or holding data: {others}): merge or delete the extra ones by hand, then"
            " re-run"
        )


def settle(candidates: Sequence[ProjectView]) -> Settled:
    """Apply the rule to the projects sharing one label (at least one)."""
    if not candidates:
        raise ValueError("settle needs at least one project")
    settled = Settled(winner=winner(candidates))
    for loser in sorted(candidates, key=creation_order):
        if loser is settled.winner:
            continue
        if is_unconfirmed(loser) and not loser.holds_data:
            settled.removable.append(loser)
        else:
            settled.foreign.append(loser)
    return settled


def by_label(projects: Iterable[ProjectView]) -> dict[str, list[ProjectView]]:
    """Projects grouped by label, each group in creation order."""
    grouped: dict[str, list[ProjectView]] = {}
    for project in projects:
        grouped.setdefault(project.label, []).append(project)
    return {label: sorted(group, key=creation_order) for label, group in grouped.items()}
