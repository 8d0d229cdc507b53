"""Every gear that has a benchmark: folder -> Bench (its workload by size, default sizes)."""

from __future__ import annotations

from gear_bench.csv_workload import csv_center_splitter_workload
from gear_bench.workloads import Bench, project_management_workload

BENCHES: dict[str, Bench] = {
    "project_management": Bench(project_management_workload, (10, 100, 1000), "centers"),
    "csv_center_splitter": Bench(
        csv_center_splitter_workload, (10_000, 100_000, 1_000_000), "rows over 50 centers"
    ),
}
