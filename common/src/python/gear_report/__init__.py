"""The run report every gear writes to `output/<gear>-report.json`: one shape for all gears.

    {gear, version, dry_run, interrupted, totals, failures: [{scope, reason}], records, context}

`interrupted` is null or the name of the signal that stopped the run; `totals` counts the
records by outcome, all `records`, and `failed`, which always equals `len(failures)`;
`context` holds the gear's own fields. See docs/common/gear_report.md.
"""

from gear_report.report import (
    Failure,
    GearReport,
    report_name,
    report_totals,
    unfinished_reason,
)

__all__ = [
    "Failure",
    "GearReport",
    "report_name",
    "report_totals",
    "unfinished_reason",
]
