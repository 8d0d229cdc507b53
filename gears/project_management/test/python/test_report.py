"""The report: every record with its outcome, totals, and an all-or-nothing write."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flywheel_access import Outcome, PlanRecord
from project_app.apply import Failure
from project_app.report import REPORT_NAME, totals, write_json_atomically, write_report

RECORDS = [
    PlanRecord("create_group", "alpha", {"id": "alpha", "label": "A"}, Outcome.DONE),
    PlanRecord("add_group_tag", "alpha", {"tag": "x"}, Outcome.ALREADY),
    PlanRecord("create_project", "beta/accepted", {"label": "accepted"}, Outcome.FAILED, "403"),
]


def test_totals_count_every_outcome() -> None:
    assert totals(RECORDS) == {
        "done": 1,
        "already there": 1,
        "planned": 0,
        "failed": 1,
        "total": 3,
    }


def test_report_lists_records_failures_and_totals(tmp_path: Path) -> None:
    path = write_report(
        tmp_path / "output",
        RECORDS,
        [Failure("project tau, center beta", "403")],
        dry_run=False,
        admin_group="nacc",
    )
    assert path == tmp_path / "output" / REPORT_NAME
    data = json.loads(path.read_text())
    assert data["dry_run"] is False and data["admin_group"] == "nacc"
    assert data["totals"]["total"] == 3
    assert data["failures"] == [{"scope": "project tau, center beta", "reason": "403"}]
    assert data["records"][2] == {
        "operation": "create_project",
        "path": "beta/accepted",
        "payload": {"label": "accepted"},
        "outcome": "failed",
        "reason": "403",
    }


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    write_json_atomically(path, {"old": True})
    with pytest.raises(TypeError):
        write_json_atomically(path, {"new": object()})
    assert json.loads(path.read_text()) == {"old": True}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]
