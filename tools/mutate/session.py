"""Running a plan: a copy of the repository, cosmic-ray init and exec, the dump summarized."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from buildcheck.files import list_repo_files
from gear_layout import python_roots
from mutate.plan import MutationPlan, config_text, test_command
from mutate.report import Summary, summarize

CONFIG = "cosmic-ray.toml"
SESSION = "session.sqlite"
PROGRESS_EVERY = 30.0  # seconds between progress lines


def copy_repository(root: Path, destination: Path) -> None:
    """The repository's files (tracked, or new and not ignored) copied under `destination`.

    cosmic-ray mutates the module in place; the copy keeps the working tree untouched.
    """
    for relative in list_repo_files(root):
        target = destination / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / relative, target)


def cosmic_ray(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the cosmic-ray installed next to this Python."""
    executable = Path(sys.executable).with_name("cosmic-ray")
    return subprocess.run(
        [str(executable), *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def run_plan(
    root: Path,
    plan: MutationPlan,
    log: Callable[[str], None] = print,
    *,
    progress_every: float = PROGRESS_EVERY,
) -> Summary:
    """Mutate `plan.module` in a copy of `root` and run its tests against every mutant."""
    with tempfile.TemporaryDirectory(prefix="dev-mutate-") as tmp:
        copy = Path(tmp) / "repo"
        copy_repository(root, copy)
        command = test_command(plan, sys.executable, python_roots(copy))
        (copy / CONFIG).write_text(config_text(plan, command))
        _checked(cosmic_ray("init", CONFIG, SESSION, cwd=copy), "init")
        log(f"{plan.module}: checking that {' '.join(plan.tests)} pass unmutated")
        _checked(cosmic_ray("baseline", CONFIG, cwd=copy), "baseline (the unmutated tests)")
        total = summarize(plan.module, _dump(copy)).mutants
        log(f"{plan.module}: {total} mutants, each against {' '.join(plan.tests)}")
        executable = Path(sys.executable).with_name("cosmic-ray")
        argv = [str(executable), "exec", CONFIG, SESSION]
        with subprocess.Popen(
            argv, cwd=copy, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        ) as running:
            while True:
                try:
                    running.wait(timeout=progress_every)
                    break
                except subprocess.TimeoutExpired:
                    done = summarize(plan.module, _dump(copy))
                    log(f"{plan.module}: {done.mutants - done.not_run} of {total} mutants run")
            errors = running.stderr.read() if running.stderr else ""
        if running.returncode != 0:
            raise MutationError(f"cosmic-ray exec failed: {_last_line(errors)}")
        return summarize(plan.module, _dump(copy))


class MutationError(RuntimeError):
    """cosmic-ray could not run (the message has its last line)."""


def _dump(copy: Path) -> list[str]:
    done = cosmic_ray("dump", SESSION, cwd=copy)
    _checked(done, "dump")
    return done.stdout.splitlines()


def _checked(done: subprocess.CompletedProcess[str], what: str) -> None:
    if done.returncode != 0:
        raise MutationError(f"cosmic-ray {what} failed: {_last_line(done.stderr or done.stdout)}")


def _last_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[-1] if lines else "no output"
