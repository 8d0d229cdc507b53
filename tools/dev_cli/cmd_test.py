"""`./dev test`: the offline gate. Every step runs; the exit code is non-zero if any failed."""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from dev_cli.coverage_check import check_coverage
from dev_cli.fix_hints import mypy_lines, step_fix
from dev_cli.gate import Step, bazel_files, python, python_files, run_module, run_tool, tool_env
from dev_cli.gate_scope import GateScope, changed_scope, full_scope, gear_scope
from dev_cli.repo import repo_root
from gear_layout import UnknownGearError
from gear_release.git import GitError
from lock_check.check import check_lock

NAME = "test"
HELP = "the offline gate: buildifier, ruff, mypy, lock, build, usage and workflow checks, pytest"
EXAMPLE = (
    "./dev test    ./dev test --changed    ./dev test --gear project_management"
    "    ./dev test -- -k manifest"
)
# Measured folders (the areas and floors: dev_cli.coverage_gate).
COVERED = ("common/src/python", "gears", "tools")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--changed, --since REV, --gear NAME..., and pytest arguments after `--`."""
    parser.add_argument(
        "--changed",
        action="store_true",
        help="every check, and only the tests the changes affect (from the build graph);"
        " floors only for areas whose tests all ran",
    )
    parser.add_argument(
        "--since",
        metavar="REV",
        help="count changes from REV, uncommitted and untracked files included (implies"
        " --changed; default: the merge base with origin/main, else HEAD)",
    )
    parser.add_argument(
        "--gear",
        dest="gears",
        nargs="+",
        metavar="NAME",
        help="every check, and the tests a change to these gears' files affects",
    )
    parser.add_argument(
        "pytest_args",
        nargs=argparse.REMAINDER,
        help="after --: extra pytest arguments (the coverage floors are then not checked)",
    )


def buildifier(root: Path) -> bool:
    files = bazel_files(root)
    return run_tool(["buildifier", "--mode=check", "--lint=warn", *files], root)


def ruff(root: Path) -> bool:
    lint = run_tool([python(), "-m", "ruff", "check", "--quiet", "."], root)
    fmt = run_tool([python(), "-m", "ruff", "format", "--check", "--quiet", "."], root)
    return lint and fmt


def mypy(root: Path) -> bool:
    """mypy --strict (settings in pyproject.toml), its install hints turned into ours."""
    argv = [python(), "-m", "mypy", *python_files(root)]
    done = subprocess.run(
        argv, cwd=root, env=tool_env(root), capture_output=True, text=True, check=False
    )
    for line in mypy_lines(done.stdout.splitlines()):
        print(line)
    sys.stderr.write(done.stderr)
    return done.returncode == 0


def lock(root: Path) -> bool:
    problems = check_lock(root / "requirements.in", root / "requirements_lock.txt")
    for line in problems:
        print(line, file=sys.stderr)
    return not problems


def buildcheck(root: Path) -> bool:
    return run_module("buildcheck", root)


def deps(root: Path) -> bool:
    """Every Python target's deps are what its imports need (`./dev deps --fix` applies them)."""
    return run_module("build_deps", root)


def config_usage(root: Path) -> bool:
    """Each gear reads exactly the config and inputs its manifest declares (tools/config_usage)."""
    return run_module("config_usage", root)


def workflows(root: Path) -> bool:
    """The CI workflows and local actions: GitHub's JSON Schemas and our rules (workflow_check)."""
    return run_module("workflow_check", root)


def pytest_with_coverage(root: Path, extra: list[str], junit: Path, scope: GateScope) -> bool:
    """The scope's test files (all: those `bazel test //...` runs), then the coverage floors of
    the scope's areas; report to `junit`. Nothing to run passes."""
    files = scope.files
    if not files:
        print("no test to run")  # the closing line says so, and whether arguments went unused
        return True
    with tempfile.TemporaryDirectory(prefix="dev-test-") as tmp:
        data = Path(tmp) / ".coverage"
        env = tool_env(root)
        env["COVERAGE_FILE"] = str(data)
        argv = [python(), "-m", "pytest", "-p", "gear_pytest.plugin", "--import-mode=importlib"]
        argv += ["-p", "no:cacheprovider", f"--junitxml={junit}", "-q", "-rs"]  # -rs: skip reasons
        argv += [f"--cov={root / source}" for source in COVERED] + ["--cov-report="]
        code = subprocess.run([*argv, *files, *extra], cwd=root, env=env, check=False).returncode
        passed = code == 0
        if passed and not extra:
            passed = check_coverage(data, root, scope.floor_areas)
    return passed


def junit_counts(junit: Path) -> tuple[int, int, int] | None:
    """(passed, failed, skipped) from the JUnit report; None when there is none."""
    if not junit.is_file():
        return None
    suite = ET.parse(junit).getroot()
    suite = suite if suite.tag == "testsuite" else suite[0]
    tests, failures = int(suite.get("tests", 0)), int(suite.get("failures", 0))
    errors, skipped = int(suite.get("errors", 0)), int(suite.get("skipped", 0))
    failed = failures + errors
    return tests - failed - skipped, failed, skipped


def closing_line(junit: Path, scope: GateScope | None = None) -> str:
    """`pytest: N passed, N failed, N skipped` from the JUnit report."""
    if scope is not None and not scope.files:
        return "pytest: 0 passed, 0 failed, 0 skipped (no test affected)"
    counts = junit_counts(junit)
    if counts is None:
        return "pytest: 0 passed, 1 failed (no report: pytest did not run)"
    passed, failed, skipped = counts
    return f"pytest: {passed} passed, {failed} failed, {skipped} skipped"


def pytest_extra(remainder: list[str]) -> list[str]:
    """The arguments after `./dev test --`, for pytest."""
    return remainder[1:] if remainder[:1] == ["--"] else remainder


def gate_steps(extra: list[str], junit: Path, scope: GateScope | None = None) -> list[Step]:
    """The gate's steps in order; pytest runs the scope's tests (default: all), gets `extra`
    and writes its report to `junit`."""
    return [
        Step("buildifier", buildifier),
        Step("ruff", ruff),
        Step("mypy", mypy),
        Step("lock", lock),
        Step("buildcheck", buildcheck),
        Step("deps", deps),
        Step("config usage", config_usage),
        Step("workflows", workflows),
        Step("pytest", lambda r: pytest_with_coverage(r, extra, junit, scope or full_scope(r))),
    ]


def gate_scope(root: Path, args: argparse.Namespace) -> GateScope | None:
    """The tests `--changed`, `--since` or `--gear` ask for; None for the full gate."""
    if args.gears:
        return gear_scope(root, args.gears)
    if args.changed or args.since is not None:
        return changed_scope(root, args.since)
    return None


def scope_lines(scope: GateScope | None, extra: list[str], junit: Path) -> list[str]:
    """What the run left out: unaffected tests and floors not checked (pytest was given
    arguments, or tests failed, which stops the floors)."""
    if scope is not None and scope.ran is not None:
        counts = junit_counts(junit)
        return [scope.summary(extra, tests_passed=counts is not None and counts[1] == 0)]
    if extra:
        return [
            f"dev test: coverage floors not checked: pytest was given {' '.join(extra)!r}"
            " (./dev test without arguments checks them)"
        ]
    return []


def run(args: argparse.Namespace) -> int:
    """Run every step of the gate (pytest on the chosen tests); print a summary."""
    root = repo_root()
    extra = pytest_extra(args.pytest_args)
    if args.gears and (args.changed or args.since is not None):
        print(
            "dev test: --gear and --changed/--since are two ways to choose; give one",
            file=sys.stderr,
        )
        return 2
    try:
        scope = gate_scope(root, args)
    except (GitError, UnknownGearError) as error:
        print(f"dev test: {error}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="dev-test-") as tmp:
        junit = Path(tmp) / "junit.xml"
        steps = gate_steps(extra, junit, scope)
        failed: list[str] = []
        for step in steps:
            print(f"--- {step.name}", flush=True)
            start = time.monotonic()
            ok = step.run(root)
            print(f"--- {step.name}: {'ok' if ok else 'FAILED'} ({time.monotonic() - start:.1f}s)")
            if not ok:
                print(f"--- {step.name}: to fix: {step_fix(step.name)}")
                failed.append(step.name)
        print(f"dev test: {'FAILED: ' + ', '.join(failed) if failed else 'all steps passed'}")
        for line in scope_lines(scope, extra, junit):
            print(line)
        # The last line of the run: pytest's counts (CI logs read it).
        print(closing_line(junit, scope))
    return 1 if failed else 0
