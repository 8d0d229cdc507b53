"""`./dev bench GEAR`: run a gear against the local stand-in at several sizes; print the cost.
`./dev bench --gate N`: the offline gate's cost with N gears (gate_bench).

A benchmark, not a test (`./dev test` does not run it). Each size runs twice on a fresh
stand-in seeded from the workload's seed (else the gear's data/standin-seed.yaml): from empty,
then with nothing to do. A workload's probe (e.g. a phase's peak memory) runs once per size.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from dev_cli.cmd_run import local_gear
from dev_cli.repo import repo_root
from flywheel_standin import StandIn
from gate_bench import bench_gate
from gear_bench import BENCHES, HEADER, Phase, format_result, measure_probe, run_phase, write_inputs
from gear_layout import UnknownGearError, resolve_gear
from gear_run import example_seed

NAME = "bench"
HELP = (
    "time a gear against the local stand-in at growing sizes (reads, writes, s, rate, memory),"
    " or the offline gate at growing gear counts (--gate)"
)
EXAMPLE = "./dev bench csv_center_splitter --sizes 10000 100000    ./dev bench --gate 50"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """GEAR and --sizes, or --gate N..."""
    parser.add_argument("gear", nargs="?", help="gear folder or manifest name (project_management)")
    defaults = "; ".join(
        f"{folder}: {' '.join(map(str, bench.sizes))} {bench.unit}"
        for folder, bench in BENCHES.items()
    )
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        metavar="N",
        help=f"workload sizes (default per gear: {defaults})",
    )
    parser.add_argument(
        "--gate",
        type=int,
        nargs="+",
        metavar="N",
        help="instead: time ./dev test and ./dev test --gear in a temporary clone of HEAD with the"
        " repository's gears plus one scaffolded gear, then with N gears in all (minutes each)",
    )


def run(args: argparse.Namespace) -> int:
    """Run every size twice; non-zero if the gear failed in any run."""
    if args.gate:
        if args.gear is not None or args.sizes:
            print("./dev bench: --gate takes no GEAR and no --sizes", file=sys.stderr)
            return 2
        return bench_gate(repo_root(), args.gate)
    if args.gear is None:
        print("./dev bench: name a GEAR, or give --gate N", file=sys.stderr)
        return 2
    try:
        gear = resolve_gear(args.gear, repo_root())
    except UnknownGearError as error:
        print(f"./dev bench: {error}", file=sys.stderr)
        return 2
    bench = BENCHES.get(gear.folder)
    if bench is None:
        print(
            f"./dev bench: no benchmark for {gear.folder} (have: {', '.join(BENCHES)})",
            file=sys.stderr,
        )
        return 2
    target = local_gear(gear)
    print(HEADER, flush=True)
    failed = False
    for size in args.sizes or bench.sizes:
        workload = bench.workload(size)
        seed = workload.seed if workload.seed is not None else example_seed(gear.data_dir)
        with tempfile.TemporaryDirectory(prefix="gear-bench-inputs-") as temp:
            inputs = write_inputs(workload, Path(temp))
            probe_bytes = measure_probe(workload, inputs)
            with StandIn(seed) as standin:
                for phase in (Phase.FROM_EMPTY, Phase.NOTHING_TO_DO):
                    result = run_phase(
                        target,
                        standin,
                        workload,
                        phase,
                        inputs,
                        probe_bytes=probe_bytes if phase is Phase.FROM_EMPTY else None,
                    )
                    print(format_result(result), flush=True)
                    failed = failed or result.exit_code != 0
    return 1 if failed else 0
