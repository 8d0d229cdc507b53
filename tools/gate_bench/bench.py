"""The whole benchmark: a clone, growing gear counts, two timed gate runs at each."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from gate_bench.clone import temporary_clone
from gate_bench.gears import PREFIX, add_gears
from gate_bench.runs import time_gate
from gate_bench.table import HEADER, GateRow, format_row
from gear_layout import gear_folders

FULL_GATE = ("./dev", "test")
FIRST_GEAR = f"{PREFIX}01".replace("-", "_")


def bench_gate(root: Path, sizes: Sequence[int]) -> int:
    """Print a row for the repository plus one scaffolded gear, then one per size (total gear
    count); 1 when a gate run failed (its last lines are shown)."""
    with temporary_clone(root) as clone:
        own = len(gear_folders(clone))
        totals = [own + 1, *sorted({n for n in sizes if n > own + 1})]
        fewer = sorted({n for n in sizes if n < own + 1})
        if fewer:
            _say(f"left out {fewer}: the clone has {own} gear(s), and the first row adds one")
        print(HEADER, flush=True)
        first: GateRow | None = None
        for total in totals:
            add_gears(clone, total)
            _say(f"{total} gears: ./dev test, then ./dev test --gear {FIRST_GEAR}")
            full = time_gate(clone, FULL_GATE)
            one = time_gate(clone, (*FULL_GATE, "--gear", FIRST_GEAR))
            for run in (full, one):
                if run.exit_code != 0:
                    _say(f"{total} gears: the gate failed (exit {run.exit_code}):\n{run.tail}")
                    return 1
            row = GateRow(gears=total, scaffolded=total - own, full=full, one_gear=one)
            first = first or row
            print(format_row(row, first), flush=True)
    return 0


def _say(text: str) -> None:
    print(f"bench --gate: {text}", file=sys.stderr, flush=True)
