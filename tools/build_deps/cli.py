"""`./dev deps [--fix] [PATH...]`: report (or apply) the deps each Python target should change."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from build_deps import manifest
from build_deps.apply import ToolMissingError, apply
from build_deps.plan import Plan, Planner, test_runner
from buildcheck.graph import load_graph
from buildcheck.model import BuildGraph


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments (shared by `./dev deps` and `python -m build_deps`)."""
    parser.add_argument(
        "--fix",
        action="store_true",
        help="apply the changes with buildozer (then buildifier), and add missing test targets",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="only targets whose BUILD file or sources are under these paths (default: all)",
    )


def describe(plan: Plan, out: TextIO) -> None:
    """One line per change."""
    for test in plan.new_tests:
        print(f"{test.build_file}: add py_test {test.name} for {test.src}", file=out)
    for source in plan.new_sources:
        print(f"{source.build_file}: {source.label}: add {source.src} to srcs", file=out)
    for change in plan.changes:
        where = f"{change.target.build_file}: {change.target.label}"
        for label in change.add:
            print(f"{where}: add {label} to deps (imported)", file=out)
        for label in change.remove:
            print(f"{where}: remove {label} from deps (never imported)", file=out)
        for label in change.keep:
            print(f"{where}: mark {label} `# keep: main_module` (for Gazelle)", file=out)


def _relative(root: Path, paths: Sequence[str]) -> list[str]:
    found = []
    for path in paths:
        absolute = Path(path).absolute()
        try:
            found.append(absolute.relative_to(root.absolute()).as_posix())
        except ValueError:
            found.append(path)
    return found


GAZELLE_PLUGIN = "rules_python_gazelle_plugin"


def manifest_step(root: Path, graph: BuildGraph, fix: bool, out: TextIO) -> bool:
    """Keep gazelle_python.yaml current where MODULE.bazel uses Gazelle's Python plugin;
    False when it is stale and left so."""
    modules = {pin.split("@", 1)[0] for pin in graph.module.bazel_deps.values()}
    if GAZELLE_PLUGIN not in modules or not manifest.stale(root):
        return True
    if fix:
        manifest.write(root)
        print(f"deps: wrote {manifest.MANIFEST} from {manifest.LOCK}", file=out)
        return True
    print(f"{manifest.MANIFEST}: stale for {manifest.LOCK} (./dev deps --fix writes it)", file=out)
    return False


def run(root: Path, paths: Sequence[str], fix: bool, out: TextIO = sys.stdout) -> int:
    """Report or fix; 1 when a change is needed (without --fix) or something needs a human."""
    selected = _relative(root, paths)
    graph = load_graph(root)
    manifest_ok = manifest_step(root, graph, fix, out)
    planner = Planner(graph)
    plan = planner.plan(selected)
    if fix and (plan.new_tests or plan.new_sources):
        describe(Plan(new_tests=plan.new_tests, new_sources=plan.new_sources), out)
        owned = Plan(new_tests=plan.new_tests, new_sources=plan.new_sources)
        apply(root, owned, test_runner(planner.index))
        planner = Planner(load_graph(root))  # the new targets' deps come from their imports
        plan = planner.plan(selected)
    if fix:
        describe(plan, out)
        files = apply(root, plan, None)
        if files:
            print(f"deps: edited {', '.join(files)}", file=out)
        plan = Plan(notes=plan.notes)
        if not plan.notes and manifest_ok and files:
            print("deps: done", file=out)
            return 0
    else:
        describe(plan, out)
        if not plan.empty:
            print("deps: run ./dev deps --fix to apply these", file=out)
    for note in plan.notes:
        print(note, file=out)
    done = plan.empty and not plan.notes and manifest_ok
    if done:
        print("deps: nothing to change", file=out)
    return 0 if done else 1


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `python -m build_deps`."""
    parser = argparse.ArgumentParser(prog="build_deps", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="repository root")
    add_arguments(parser)
    args = parser.parse_args(argv)
    try:
        return run(args.root.resolve(), args.paths, args.fix)
    except (ToolMissingError, RuntimeError) as error:
        print(f"deps: {error}", file=sys.stderr)
        return 1
