"""`./dev bench --gate N`: the offline gate's cost as the number of gears grows.

In a temporary clone of the committed HEAD it adds scaffolded gears (`./dev new-gear`, with and
without the gear bot key, with and without a file input) and times `./dev test` and
`./dev test --gear` at each size. A benchmark, not a test.
"""

from gate_bench.bench import bench_gate
from gate_bench.clone import temporary_clone
from gate_bench.gears import add_gears
from gate_bench.runs import GateRun, time_gate
from gate_bench.table import HEADER, GateRow, format_row

__all__ = [
    "HEADER",
    "GateRow",
    "GateRun",
    "add_gears",
    "bench_gate",
    "format_row",
    "temporary_clone",
    "time_gate",
]
