"""Apply a plan with buildozer, then format the edited BUILD files with buildifier."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from build_deps.plan import NewTest, Plan

PY_TEST_BZL = "@rules_python//python:py_test.bzl"
KEEP_MAIN_MODULE = "keep:\\ main_module"  # buildozer's `comment` wants spaces escaped


class ToolMissingError(RuntimeError):
    """buildozer or buildifier is not installed."""


def tool(root: Path, name: str) -> str:
    """The npm-installed tool (./dev puts node_modules/.bin on PATH), else the repository's."""
    found = shutil.which(name) or shutil.which(name, path=str(root / "node_modules" / ".bin"))
    if not found:
        raise ToolMissingError(f"{name} is not installed: run ./dev (it installs it from npm)")
    return found


def new_test_commands(test: NewTest, main_module: str | None) -> list[str]:
    """buildozer commands creating the py_test of one test file."""
    package = f"//{test.package}:__pkg__"
    label = f"//{test.package}:{test.name}"
    runner = f'set main_module "{main_module}"' if main_module else f'set main "{test.src}"'
    return [
        f"new_load {PY_TEST_BZL} py_test|{package}",
        f"new py_test {test.name}|{package}",
        f"add srcs {test.src}|{label}",
        f"{runner}|{label}",
    ]


def plan_commands(plan: Plan, main_module: str | None) -> list[str]:
    """Every buildozer command of the plan, one per line of a commands file."""
    commands: list[str] = []
    for test in plan.new_tests:
        commands += new_test_commands(test, main_module)
    for source in plan.new_sources:
        commands.append(f"add srcs {source.src}|{source.label}")
    for change in plan.changes:
        if change.add:
            commands.append(f"add deps {' '.join(change.add)}|{change.target.label}")
        if change.remove:
            commands.append(f"remove deps {' '.join(change.remove)}|{change.target.label}")
        commands += [
            f"comment deps {text} {KEEP_MAIN_MODULE}|{change.target.label}" for text in change.keep
        ]
    return commands


def edited_files(plan: Plan) -> list[str]:
    """The BUILD files the plan edits (repository-relative)."""
    files = {t.build_file for t in plan.new_tests} | {c.target.build_file for c in plan.changes}
    return sorted(files | {s.build_file for s in plan.new_sources})


def apply(root: Path, plan: Plan, main_module: str | None) -> list[str]:
    """Run the plan's commands with buildozer and buildifier; return the files edited."""
    commands = plan_commands(plan, main_module)
    if not commands:
        return []
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
        handle.write("\n".join(commands) + "\n")
        command_file = handle.name
    try:
        done = subprocess.run(
            [tool(root, "buildozer"), "-quiet", "-f", command_file],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        Path(command_file).unlink()
    if done.returncode not in (0, 3):  # 3: nothing changed
        raise RuntimeError(f"buildozer failed: {done.stderr.strip() or done.stdout.strip()}")
    files = edited_files(plan)
    formatted = subprocess.run(
        [tool(root, "buildifier"), "--lint=fix", *files],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    if formatted.returncode != 0:
        raise RuntimeError(f"buildifier failed: {formatted.stderr.strip()}")
    return files
