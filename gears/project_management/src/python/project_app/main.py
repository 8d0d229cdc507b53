"""project-management: make the groups and projects the project file describes."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from flywheel_access import FlywheelAccess
from flywheel_ids import GROUP_ID_RULE, is_group_id
from gear_report import GearReport
from gear_runner import ExitCode, InvocationError, WorkFailed
from gear_spec import GearIdentity
from message_quotes import quoted
from project_app.apply import apply_plan
from project_app.plan import build_plan
from project_app.project_file import load_projects

log = logging.getLogger(__name__)


def run(
    *,
    client: Any,
    gear: GearIdentity,
    project_file: Path,
    admin_group: str,
    dry_run: bool,
    new_only: bool,
    output_dir: Path,
) -> int:
    """Make (or, in a dry run, plan) what `project_file` describes; the exit code."""
    if not is_group_id(admin_group):
        raise InvocationError(
            f"config admin_group: {quoted(admin_group)} is not a valid group id ({GROUP_ID_RULE})"
        )
    plan = build_plan(load_projects(project_file, admin_group=admin_group), new_only=new_only)
    log.info("%d groups to check%s", len(plan), " (dry run: nothing is written)" if dry_run else "")
    access = FlywheelAccess(client, dry_run=dry_run)
    report = GearReport(
        gear=gear.name,
        version=gear.version,
        dry_run=dry_run,
        context={"admin_group": admin_group},
        records=access.records,
    )
    with report.written_to(output_dir, explained=(WorkFailed,)) as path:
        apply_plan(access, plan, admin_group=admin_group, failures=report.failures)
    if report.failures:
        log.error(
            "%d of %d groups failed (see %s): fix what each failure names, then re-run the gear"
            " with the same project file; a re-run only adds what is missing",
            len(report.failures),
            len(plan),
            path.name,
        )
        return ExitCode.FAILED
    return ExitCode.OK
