"""What a run left in output/, in a few lines: files, and the totals of any JSON report.

A JSON output with `totals` and `records` (the shared gear report, common/gear_report) is
summarised: the gear, whether it was interrupted, its totals, its failures, and the records
that changed something (or would have, in a dry run), up to a limit.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

SHOWN_RECORDS = 10
QUIET_OUTCOMES = frozenset({"already there"})


def _record_line(record: dict[str, Any]) -> str:
    payload = json.dumps(record.get("payload"), sort_keys=True)
    reason = f"  ({record['reason']})" if record.get("reason") else ""
    return (
        f"    {record.get('outcome', '?'):<8} {record.get('operation', '?'):<26}"
        f" {record.get('path', '?')} {payload}{reason}"
    )


def report_lines(data: dict[str, Any], name: str = "the report") -> list[str]:
    """Lines summarising a plan report (`name`: where the rest of it is)."""
    totals = data.get("totals") or {}
    lines = []
    if data.get("gear"):
        lines.append(f"  gear: {data['gear']} {data.get('version', '')}".rstrip())
    if data.get("interrupted"):
        lines.append(f"  interrupted by {data['interrupted']}: the run stopped before its end")
    lines.append("  totals: " + ", ".join(f"{k} {v}" for k, v in totals.items()))
    lines += [f"  failed: {f.get('scope')}: {f.get('reason')}" for f in data.get("failures") or []]
    changes = [
        r
        for r in data.get("records") or []
        if isinstance(r, dict) and r.get("outcome") not in QUIET_OUTCOMES
    ]
    if changes:
        by_operation = Counter(str(r.get("operation")) for r in changes)
        counts = ", ".join(f"{op} {n}" for op, n in by_operation.items())
        lines.append(f"  changes ({len(changes)}): {counts}")
        lines += [_record_line(r) for r in changes[:SHOWN_RECORDS]]
        if len(changes) > SHOWN_RECORDS:
            lines.append(f"    ... and {len(changes) - SHOWN_RECORDS} more (see {name})")
    return lines


def _json_report(path: Path) -> dict[str, Any] | None:
    if path.suffix != ".json":
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if isinstance(data, dict) and "totals" in data and "records" in data:
        return data
    return None


def output_summary(output_dir: Path) -> list[str]:
    """Lines describing every file in `output_dir`."""
    files = sorted(p for p in output_dir.rglob("*") if p.is_file()) if output_dir.is_dir() else []
    if not files:
        return ["output: no files"]
    lines = []
    for path in files:
        lines.append(f"output: {path.relative_to(output_dir)} ({path.stat().st_size} bytes)")
        report = _json_report(path)
        if report is not None:
            lines += report_lines(report, f"output/{path.relative_to(output_dir)}")
    return lines
