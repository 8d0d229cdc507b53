"""`./dev bench GEAR`: run a gear against the local stand-in at several sizes; print the cost.

A benchmark, not a test (`./dev test` does not run it). Each size runs twice on a fresh
stand-in seeded from the gear's data/standin-seed.yaml: from empty, then with nothing to do.
"""

from __future__ import annotations

import argparse
import sys

from dev_cli.cmd_run import local_gear
from dev_cli.repo import repo_root
from flywheel_standin import StandIn
from gear_bench import HEADER, WORKLOADS, Phase, format_result, run_phase
from gear_layout import UnknownGearError, resolve_gear
from gear_run import example_seed

NAME = "bench"
HELP = "time a gear against the local stand-in at 10, 100 and 1,000 centers (reads, writes, s)"
EXAMPLE = "./dev bench project_management --sizes 10 100"
DEFAULT_SIZES = (10, 100, 1000)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """GEAR and --sizes."""
    parser.add_argument("gear", help="gear folder or manifest name (project_management)")
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=list(DEFAULT_SIZES),
        metavar="N",
        help="workload sizes (default: 10 100 1000)",
    )


def run(args: argparse.Namespace) -> int:
    """Run every size twice; non-zero if the gear failed in any run."""
    try:
        gear = resolve_gear(args.gear, repo_root())
    except UnknownGearError as error:
        print(f"./dev bench: {error}", file=sys.stderr)
        return 2
    workload_for = WORKLOADS.get(gear.folder)
    if workload_for is None:
        print(
            f"./dev bench: no benchmark for {gear.folder} (have: {', '.join(WORKLOADS)})",
            file=sys.stderr,
        )
        return 2
    target = local_gear(gear)
    seed = example_seed(gear.data_dir)
    print(HEADER, flush=True)
    failed = False
    for size in args.sizes:
        workload = workload_for(size)
        with StandIn(seed) as standin:
            for phase in (Phase.FROM_EMPTY, Phase.NOTHING_TO_DO):
                result = run_phase(target, standin, workload, phase)
                print(format_result(result), flush=True)
                failed = failed or result.exit_code != 0
    return 1 if failed else 0
