"""`./dev bench GEAR`: time a gear against the local stand-in at growing sizes (not a test)."""

from gear_bench.bench import HEADER, BenchResult, Phase, format_result, run_phase
from gear_bench.workloads import WORKLOADS, Workload, project_management_workload

__all__ = [
    "HEADER",
    "WORKLOADS",
    "BenchResult",
    "Phase",
    "Workload",
    "format_result",
    "project_management_workload",
    "run_phase",
]
