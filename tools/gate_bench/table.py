"""The benchmark's table: one row per size, with the ratios to the first (smallest) row."""

from __future__ import annotations

from dataclasses import dataclass

from gate_bench.runs import GateRun

HEADER = (
    f"{'gears':<26} {'gate s':>8} {'ratio':>6} {'pytest s':>9} {'tests':>6}"
    f" {'--gear s':>9} {'ratio':>6} {'tests':>6}"
)


@dataclass(frozen=True)
class GateRow:
    """One size: its gears, the full gate's run and the `--gear` run."""

    gears: int
    scaffolded: int
    full: GateRun
    one_gear: GateRun


def _number(value: float | int | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def format_row(row: GateRow, first: GateRow) -> str:
    """A table line; the ratios are to `first`'s times."""
    label = f"{row.gears} ({row.scaffolded} scaffolded)"
    return (
        f"{label:<26} {row.full.seconds:>8.1f} {row.full.seconds / first.full.seconds:>6.2f}"
        f" {_number(row.full.pytest_seconds, '.1f'):>9} {_number(row.full.tests, 'd'):>6}"
        f" {row.one_gear.seconds:>9.1f} {row.one_gear.seconds / first.one_gear.seconds:>6.2f}"
        f" {_number(row.one_gear.tests, 'd'):>6}"
    )
