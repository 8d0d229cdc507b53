"""Counting cosmic-ray's dump: killed, survived with the diff, not run."""

from __future__ import annotations

import json

from mutate.report import summarize


def line(result: dict[str, str] | None) -> str:
    job = {"job_id": "j", "mutations": [{"module_path": "m.py", "operator_name": "core/AddNot"}]}
    return json.dumps([job, result])


def test_outcomes_are_counted() -> None:
    lines = [
        line({"worker_outcome": "normal", "test_outcome": "killed", "diff": "-a\n+b"}),
        line({"worker_outcome": "normal", "test_outcome": "incompetent", "diff": "-c\n+d"}),
        line({"worker_outcome": "normal", "test_outcome": "survived", "diff": "-x\n+y"}),
        line({"worker_outcome": "exception", "test_outcome": "incompetent", "diff": ""}),
        line(None),
        "",
    ]
    summary = summarize("m.py", lines)
    assert (summary.mutants, summary.killed, summary.not_run) == (5, 2, 2)
    assert summary.survived == ["-x\n+y"]
    assert summary.row() == "m.py: 5 mutants, 2 killed, 1 survived, 2 not run (67% killed)"


def test_no_result_yet_scores_zero() -> None:
    summary = summarize("m.py", [line(None)])
    assert summary.score == 0.0
    assert summary.row() == "m.py: 1 mutants, 0 killed, 0 survived, 1 not run (0% killed)"
