"""Typed access to Flywheel for any gear (over flywheel-sdk 23): groups, projects, files,
their tags, info and permissions, found or created.

Reads are listed once per run and cached; every write goes through one registry of write
operations (`WRITE_OPERATIONS`) and one choke point that records it as a PlanRecord, sends
nothing in a dry run, and retries retryable failures only after re-reading whether the write
took effect. Every error is a FlywheelAccessError; `as_work_failed()` turns one into the
runtime's WorkFailed (exit 1, one line). docs/common/flywheel_access.md has the whole API.
"""

from flywheel_access.access import FlywheelAccess
from flywheel_access.gear_errors import as_work_failed, work_failed
from flywheel_access.local_file import LocalFile
from flywheel_access.operations import WRITE_OPERATIONS, WriteOperation
from flywheel_access.records import (
    DuplicateProjects,
    FlywheelAccessError,
    Outcome,
    PlanRecord,
    ReadFailed,
    UnknownGroup,
    UnknownRole,
    WriteFailed,
)
from flywheel_access.retry import RetryPolicy
from flywheel_access.views import FileView, GroupView, ProjectView

__all__ = [
    "WRITE_OPERATIONS",
    "DuplicateProjects",
    "FileView",
    "FlywheelAccess",
    "FlywheelAccessError",
    "GroupView",
    "LocalFile",
    "Outcome",
    "PlanRecord",
    "ProjectView",
    "ReadFailed",
    "RetryPolicy",
    "UnknownGroup",
    "UnknownRole",
    "WriteFailed",
    "WriteOperation",
    "as_work_failed",
    "work_failed",
]
