"""`./dev check-manifest [GEAR ...]`: the manifest check that Bazel's genrule runs, without Bazel.

By gear (the default: every gear), the name, repository and tags are the ones the gear's
`flywheel_gear` call gives its `:manifest_check` genrule, read from the build graph (so the
repository default from tools/bazel/registry.bzl applies). With --manifest, --name,
--repository and --tag the values are given explicitly, as the genrule passes them.

`--release` (CI's release job) also refuses what may pass every day but not ship: a scaffold
placeholder left in the manifest, an empty or non-URL `source` or `url` (manifest_check.release).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from buildcheck import BuildGraph, load_graph
from buildcheck.check_gears import GEAR_MACRO, call_problems, gear_macro_calls
from dev_cli.repo import repo_root
from gear_layout import Gear, UnknownGearError, all_gears, resolve_gear
from manifest_check import cli
from manifest_check.check import load_manifest
from manifest_check.release import release_problems

NAME = "check-manifest"
HELP = "check a manifest against the gear spec and its BUILD file's name, repository and tags"
EXAMPLE = "./dev check-manifest project_management      (no GEAR: every gear)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """GEAR ..., or the explicit values the Bazel genrule passes."""
    parser.add_argument(
        "gears",
        nargs="*",
        metavar="GEAR",
        help="a gear's folder or manifest name (default: every gear); instead of GEAR, give "
        "all of --manifest, --name, --repository and --tag, as the Bazel genrule does",
    )
    parser.add_argument(
        "--release",
        action="store_true",
        help="also refuse scaffold placeholders and an empty source or url (CI's release job)",
    )
    cli.add_arguments(parser, required=False)


def release_problems_of(gear: Gear, root: Path) -> list[str]:
    """What keeps `gear`'s manifest from a release (see manifest_check.release)."""
    shown = gear.manifest_path.relative_to(root)
    manifest, error = load_manifest(gear.manifest_path)
    if manifest is None:
        return [f"{shown}: {error}"]
    return [f"{shown}: {field}: {message}" for field, message in release_problems(manifest)]


def gear_problems(graph: BuildGraph, gear: Gear) -> list[str]:
    """The manifest check of one gear with its BUILD file's values; empty when it passes."""
    package = gear.docker_dir.relative_to(graph.root).as_posix()
    build_file = f"{package}/BUILD.bazel"
    if package in graph.failed_packages:
        found = [str(p) for p in graph.problems if p.path == build_file]
        return found or [f"{build_file}: does not evaluate (./dev buildcheck shows why)"]
    calls = [c for c in gear_macro_calls(graph) if c.package == package]
    if len(calls) != 1:
        return [f"{build_file}: expected one {GEAR_MACRO}(...) call, found {len(calls)}"]
    return [str(problem) for problem in call_problems(graph, calls[0])]


def run_for_gears(names: list[str], root: Path, *, release: bool = False) -> int:
    """Check the named gears (or every gear) against their BUILD files (and, with `release`,
    for a release)."""
    try:
        gears = [resolve_gear(name, root) for name in names] or all_gears(root)
    except UnknownGearError as error:
        print(f"check-manifest: {error}", file=sys.stderr)
        return 1
    graph = load_graph(root)
    failed = 0
    for gear in gears:
        problems = gear_problems(graph, gear)
        if release:
            problems += release_problems_of(gear, root)
        for line in problems:
            print(line, file=sys.stderr)
        if problems:
            failed += 1
        else:
            ready = " and is ready for a release" if release else ""
            print(f"{gear.folder}: manifest agrees with the gear spec and its BUILD file{ready}")
    if failed:
        print(f"manifest check: {failed} gear(s) failed", file=sys.stderr)
    return 1 if failed else 0


def run(args: argparse.Namespace) -> int:
    """The explicit form when any of its flags is given, else the gear form."""
    given = [flag for flag in cli.EXPLICIT_FLAGS if getattr(args, flag)]
    if not given and args.out is None:
        return run_for_gears(list(args.gears), repo_root(), release=args.release)
    if args.release:
        print(
            "check-manifest: --release checks gears by name (GEAR ...), not --manifest",
            file=sys.stderr,
        )
        return 2
    missing = [f"--{flag}" for flag in cli.EXPLICIT_FLAGS if flag not in given]
    if args.gears or missing:
        print(
            "check-manifest: give GEAR ... or all of --manifest, --name, --repository and --tag"
            + (f" (missing {', '.join(missing)})" if missing else "")
            + (f" (not both: GEAR {' '.join(args.gears)})" if args.gears else ""),
            file=sys.stderr,
        )
        return 2
    return cli.run(args)
