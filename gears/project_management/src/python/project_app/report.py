"""The run's report, output/project-management-report.json, written atomically."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from atomic_files import write_text_atomically
from flywheel_access import Outcome, PlanRecord
from project_app.apply import Failure

REPORT_NAME = "project-management-report.json"


def totals(records: Iterable[PlanRecord]) -> dict[str, int]:
    """How many records have each outcome, plus `total`."""
    counts = Counter(record.outcome for record in records)
    result = {outcome.value: counts.get(outcome, 0) for outcome in Outcome}
    result["total"] = sum(counts.values())
    return result


def report_data(
    records: list[PlanRecord], failures: list[Failure], *, dry_run: bool, admin_group: str
) -> dict[str, Any]:
    """The report as JSON-ready data."""
    return {
        "dry_run": dry_run,
        "admin_group": admin_group,
        "totals": totals(records),
        "failures": [{"scope": f.scope, "reason": f.reason} for f in failures],
        "records": [record.as_dict() for record in records],
    }


def write_json_atomically(path: Path, data: Any) -> None:
    """Write `data` as JSON to `path`, never half-written."""
    write_text_atomically(path, json.dumps(data, indent=2) + "\n")


def write_report(
    output_dir: Path,
    records: list[PlanRecord],
    failures: list[Failure],
    *,
    dry_run: bool,
    admin_group: str,
) -> Path:
    """Write the report into `output_dir`; its path."""
    path = output_dir / REPORT_NAME
    write_json_atomically(
        path, report_data(records, failures, dry_run=dry_run, admin_group=admin_group)
    )
    return path
