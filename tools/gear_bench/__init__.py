"""`./dev bench GEAR`: time a gear against the local stand-in at growing sizes (not a test)."""

from gear_bench.bench import (
    HEADER,
    BenchResult,
    Phase,
    format_result,
    measure_probe,
    run_phase,
)
from gear_bench.registry import BENCHES
from gear_bench.workloads import Bench, Workload, project_management_workload, write_inputs

__all__ = [
    "BENCHES",
    "HEADER",
    "Bench",
    "BenchResult",
    "Phase",
    "Workload",
    "format_result",
    "measure_probe",
    "project_management_workload",
    "run_phase",
    "write_inputs",
]
