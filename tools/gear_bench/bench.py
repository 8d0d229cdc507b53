"""Run one benchmark phase: the gear in a subprocess (as /bin/run) against a stand-in.

A phase is one gear run; the stand-in's request log gives the reads and writes it sent and the
wall time covers the whole process (interpreter start included). A workload's probe (a phase
of the gear measured in this process, e.g. its peak memory) runs once per size.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from flywheel_standin import StandIn
from gear_bench.workloads import Workload
from gear_run import LocalGear, config_from_manifest, run_gear_process, write_gear_folder

MIB = 1024 * 1024


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
    items_per_second: float | None = None
    probe_bytes: int | None = None


def measure_probe(workload: Workload, inputs: dict[str, Path]) -> int | None:
    """The workload's probe on its inputs, in a scratch folder removed afterwards."""
    if workload.probe is None:
        return None
    with tempfile.TemporaryDirectory(prefix="gear-bench-probe-") as scratch:
        return workload.probe(inputs, Path(scratch))


def run_phase(
    gear: LocalGear,
    standin: StandIn,
    workload: Workload,
    phase: Phase,
    inputs: dict[str, Path],
    *,
    probe_bytes: int | None = None,
) -> BenchResult:
    """Run the gear once on `inputs` against `standin`; the gear's log goes to a temp file."""
    standin.clear_requests()
    with tempfile.TemporaryDirectory(prefix=f"gear-bench-{gear.name}-") as temp:
        base = Path(temp)
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
        items_per_second=workload.items / seconds if workload.items and seconds else None,
        probe_bytes=probe_bytes,
    )


HEADER = (
    f"{'size':<28} {'phase':<14} {'exit':>4} {'reads':>7} {'writes':>7} {'seconds':>8}"
    f" {'items/s':>10} {'peak MiB':>9}"
)


def format_result(result: BenchResult) -> str:
    """One table line (`-` where a gear has no such measure)."""
    rate = f"{result.items_per_second:,.0f}" if result.items_per_second else "-"
    peak = f"{result.probe_bytes / MIB:.2f}" if result.probe_bytes is not None else "-"
    return (
        f"{result.label:<28} {result.phase.value:<14} {result.exit_code:>4}"
        f" {result.reads:>7} {result.writes:>7} {result.seconds:>8.2f} {rate:>10} {peak:>9}"
    )
