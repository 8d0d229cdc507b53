"""Run one benchmark phase: the gear in a subprocess (as /bin/run) against a stand-in.

A phase is one gear run; the stand-in's request log gives the reads and writes it sent and the
wall time covers the whole process (interpreter start included).
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from flywheel_standin import StandIn
from gear_bench.workloads import Workload, write_inputs
from gear_run import LocalGear, config_from_manifest, run_gear_process, write_gear_folder


class Phase(str, Enum):
    """Which run of a size: the first (from empty) or the repeat (nothing to do)."""

    FROM_EMPTY = "from empty"
    NOTHING_TO_DO = "nothing to do"


@dataclass(frozen=True)
class BenchResult:
    """The measurements of one phase."""

    label: str
    phase: Phase
    exit_code: int
    reads: int
    writes: int
    seconds: float


def run_phase(
    gear: LocalGear,
    standin: StandIn,
    workload: Workload,
    phase: Phase,
) -> BenchResult:
    """Run the gear once on `workload` against `standin`; the gear's log goes to a temp file."""
    standin.clear_requests()
    with tempfile.TemporaryDirectory(prefix=f"gear-bench-{gear.name}-") as temp:
        base = Path(temp)
        inputs = write_inputs(workload, base / "inputs")
        config: dict[str, Any] = config_from_manifest(gear.manifest, {}) | workload.config
        folder = base / "gear"
        write_gear_folder(folder, gear.manifest_path, config, inputs, standin.api_key())
        with (base / "gear.log").open("w", encoding="utf-8") as log:
            started = time.perf_counter()
            code = run_gear_process(gear, folder, log)
            seconds = time.perf_counter() - started
    return BenchResult(
        label=workload.label,
        phase=phase,
        exit_code=code,
        reads=len(standin.reads()),
        writes=len(standin.writes()),
        seconds=seconds,
    )


HEADER = f"{'size':<28} {'phase':<14} {'exit':>4} {'reads':>7} {'writes':>7} {'seconds':>8}"


def format_result(result: BenchResult) -> str:
    """One table line."""
    return (
        f"{result.label:<28} {result.phase.value:<14} {result.exit_code:>4}"
        f" {result.reads:>7} {result.writes:>7} {result.seconds:>8.2f}"
    )
