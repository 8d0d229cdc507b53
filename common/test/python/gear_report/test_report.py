"""The shared report: one shape, totals that agree with the failures, an all-or-nothing write."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flywheel_access import Outcome, PlanRecord
from gear_report import Failure, GearReport, report_name, report_totals, unfinished_reason
from gear_stop import StopFlag, StopRequested

RECORDS = [
    PlanRecord("create_group", "alpha", {"id": "alpha", "label": "A"}, Outcome.DONE),
    PlanRecord("add_group_tag", "alpha", {"tag": "x"}, Outcome.ALREADY),
    PlanRecord("create_project", "beta/accepted", {"label": "accepted"}, Outcome.FAILED, "403"),
]


def test_totals_count_records_by_outcome_and_failed_counts_the_failures() -> None:
    failures = [Failure("center beta", "403"), Failure("center gamma", "read failed: 500")]
    assert report_totals(RECORDS, failures) == {
        "done": 1,
        "already there": 1,
        "planned": 0,
        "failed writes": 1,
        "records": 3,
        "failed": 2,
    }


def test_a_failed_read_without_a_record_still_counts_as_failed() -> None:
    report = GearReport(gear="g", version="1.0.0", dry_run=False)
    report.fail("run", "reading groups failed: 500")
    data = report.data()
    assert data["totals"]["failed"] == len(data["failures"]) == 1
    assert data["totals"]["records"] == 0


def test_the_report_has_the_documented_shape_in_order(tmp_path: Path) -> None:
    report = GearReport(
        gear="project-management",
        version="0.2.0",
        dry_run=True,
        context={"admin_group": "nacc"},
        records=list(RECORDS),
        failures=[Failure("project tau, center beta", "403")],
        interrupted="SIGTERM",
    )
    path = report.write(tmp_path / "output")
    assert path == tmp_path / "output" / "project-management-report.json"
    data = json.loads(path.read_text())
    assert list(data) == [
        "gear",
        "version",
        "dry_run",
        "interrupted",
        "totals",
        "failures",
        "records",
        "context",
    ]
    assert data["gear"] == "project-management" and data["version"] == "0.2.0"
    assert data["dry_run"] is True and data["interrupted"] == "SIGTERM"
    assert data["context"] == {"admin_group": "nacc"}
    assert data["failures"] == [{"scope": "project tau, center beta", "reason": "403"}]
    assert data["records"][2] == {
        "operation": "create_project",
        "path": "beta/accepted",
        "payload": {"label": "accepted"},
        "outcome": "failed",
        "reason": "403",
    }


def test_report_name_follows_the_gear_name() -> None:
    assert report_name("csv-center-splitter") == "csv-center-splitter-report.json"


def test_unfinished_reason_names_the_type_never_the_message() -> None:
    assert unfinished_reason(RuntimeError("key abc")) == "internal error: RuntimeError"
    assert unfinished_reason(KeyboardInterrupt()) == "interrupted: KeyboardInterrupt"


def test_a_report_that_cannot_be_written_leaves_the_old_one_and_no_temporary_file(
    tmp_path: Path,
) -> None:
    GearReport(gear="g", version="1", dry_run=False).write(tmp_path)
    old = (tmp_path / "g-report.json").read_text()
    broken = GearReport(gear="g", version="1", dry_run=False, context={"x": object()})
    with pytest.raises(TypeError):
        broken.write(tmp_path)
    assert (tmp_path / "g-report.json").read_text() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g-report.json"]


def test_a_stopped_run_names_its_signal_in_interrupted_and_failures(tmp_path: Path) -> None:
    report = GearReport(gear="g", version="1", dry_run=False)
    report.end_early(StopRequested("SIGHUP", "create_group on alpha"))
    data = json.loads(report.write(tmp_path, stop=StopFlag()).read_text())
    assert data["interrupted"] == "SIGHUP"
    assert data["failures"] == [
        {"scope": "run", "reason": "interrupted by SIGHUP: no write was started after it"}
    ]
    assert data["totals"]["failed"] == 1


def test_a_stop_after_the_last_write_still_marks_the_report(tmp_path: Path) -> None:
    stop = StopFlag()
    stop.request("SIGTERM")
    data = json.loads(GearReport("g", "1", False).write(tmp_path, stop=stop).read_text())
    assert data["interrupted"] == "SIGTERM"
    not_stopped = GearReport("g", "1", False)
    assert (
        json.loads(not_stopped.write(tmp_path, stop=StopFlag()).read_text())["interrupted"] is None
    )
