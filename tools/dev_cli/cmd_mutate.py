"""`./dev mutate MODULE...`: mutation testing of each module against its own tests (cosmic-ray).

A benchmark of the tests, not part of the gate (`./dev test` does not run it). Each module is
mutated in a temporary copy of the repository, one mutant at a time; CPU-heavy, so name the
module and, with --tests, the fewest test files that judge it.
"""

from __future__ import annotations

import argparse
import sys

from dev_cli.repo import repo_root
from mutate import plan_for, run_plan
from mutate.plan import PlanError
from mutate.session import MutationError

NAME = "mutate"
HELP = "mutation testing (cosmic-ray) of modules against their own tests; lists survivors"
EXAMPLE = "./dev mutate common/src/python/gear_keys/api_key.py"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """MODULE... and --tests."""
    parser.add_argument("modules", nargs="+", metavar="MODULE", help="a .py file of the repo")
    parser.add_argument(
        "--tests",
        nargs="+",
        default=[],
        metavar="PATH",
        help="test files or folders to judge every module (default: each module's own,"
        " test_<module>.py in its package's test folder, else that folder)",
    )


def run(args: argparse.Namespace) -> int:
    """Run every module; print the table and each surviving mutant's diff. 1 if any survived."""
    root = repo_root()
    try:
        plans = [plan_for(root, module, args.tests) for module in args.modules]
    except PlanError as error:
        print(f"./dev mutate: {error}", file=sys.stderr)
        return 2
    summaries = []
    for plan in plans:
        try:
            summaries.append(run_plan(root, plan, lambda line: print(line, flush=True)))
        except MutationError as error:
            print(f"./dev mutate: {plan.module}: {error}", file=sys.stderr)
            return 1
    for summary in summaries:
        for diff in summary.survived:
            print(f"--- survived in {summary.module}:\n{diff}")
    print("mutation results:")
    for summary in summaries:
        print(f"  {summary.row()}")
    return 1 if any(summary.survived for summary in summaries) else 0
