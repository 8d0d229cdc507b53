"""project-management: make the groups and projects the project file describes."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from flywheel_access import FlywheelAccess
from flywheel_ids import GROUP_ID_RULE, is_group_id
from gear_runner import ExitCode, InvocationError, WorkFailed
from project_app.apply import Failure, apply_plan
from project_app.plan import build_plan
from project_app.project_file import load_projects
from project_app.report import totals, write_report

log = logging.getLogger(__name__)


def unfinished_reason(error: BaseException) -> str:
    """Why the run stopped, for the report: the exception's type only (never its message)."""
    if isinstance(error, Exception):
        return f"internal error: {type(error).__name__}"
    return f"interrupted: {type(error).__name__}"


def run(
    *,
    client: Any,
    project_file: Path,
    admin_group: str,
    dry_run: bool,
    new_only: bool,
    output_dir: Path,
) -> int:
    """Make (or, in a dry run, plan) what `project_file` describes; the exit code."""
    if not is_group_id(admin_group):
        raise InvocationError(
            f"config admin_group: {admin_group!r} is not a valid group id ({GROUP_ID_RULE})"
        )
    plan = build_plan(load_projects(project_file), new_only=new_only)
    log.info("%d groups to check%s", len(plan), " (dry run: nothing is written)" if dry_run else "")
    access = FlywheelAccess(client, dry_run=dry_run)
    failures: list[Failure] = []
    try:
        failures = apply_plan(access, plan, admin_group=admin_group)
    except WorkFailed as error:
        failures = [Failure("run", str(error))]
        raise
    except BaseException as error:  # a bug or an interruption: the report must not say "none"
        failures = [Failure("run", unfinished_reason(error))]
        raise
    finally:
        path = write_report(
            output_dir, access.records, failures, dry_run=dry_run, admin_group=admin_group
        )
        log.info("report: %s; %s", path.name, totals(access.records))
    if failures:
        log.error("%d of %d groups failed; see %s", len(failures), len(plan), path.name)
        return ExitCode.FAILED
    return ExitCode.OK
