"""Plan records, their outcomes, and the errors flywheel_access raises."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any


class Outcome(str, Enum):
    """What became of one planned write."""

    DONE = "done"
    ALREADY = "already there"
    PLANNED = "planned"
    FAILED = "failed"


@dataclass
class PlanRecord:
    """One write a run makes or would make: operation, container path by labels, payload."""

    operation: str
    path: str
    payload: dict[str, Any]
    outcome: Outcome
    reason: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready form for reports."""
        return {
            "operation": self.operation,
            "path": self.path,
            "payload": self.payload,
            "outcome": self.outcome.value,
            "reason": self.reason,
        }


class FlywheelAccessError(Exception):
    """Base of every error flywheel_access raises; the message is readable and secret-free."""


class WriteFailed(FlywheelAccessError):  # noqa: N818 (contract name)
    """A write was refused or kept failing; its record has outcome FAILED and the reason."""

    def __init__(self, record: PlanRecord) -> None:
        super().__init__(f"{record.operation} on {record.path} failed: {record.reason}")
        self.record = record


class ReadFailed(FlywheelAccessError):  # noqa: N818 (pairs with WriteFailed)
    """A read from Flywheel failed (after the SDK's own retries)."""


class UnknownGroup(FlywheelAccessError):  # noqa: N818 (reads as a sentence)
    """A group the caller needs does not exist."""


class UnknownRole(FlywheelAccessError):  # noqa: N818 (reads as a sentence)
    """No role with the given label exists on the site."""


class DuplicateProjects(FlywheelAccessError):  # noqa: N818 (reads as a sentence)
    """A group holds same-label projects that no run may merge or delete (see same_label)."""
