"""One timed run of the gate: wall time, the pytest step's time, the test count, the outcome."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

STEP_TIME = re.compile(r"^--- pytest: (?:ok|FAILED) \((\d+(?:\.\d+)?)s\)$", re.MULTILINE)
COUNTS = re.compile(r"^pytest: (\d+) passed, (\d+) failed, (\d+) skipped", re.MULTILINE)
TAIL_LINES = 15
# What the gate's tools leave to speed up the next run (mypy's and ruff's caches).
CACHES = (".mypy_cache", ".ruff_cache")


# Set by the ./dev that runs the benchmark, for the working tree: the clone's ./dev sets its own.
OUTER_ENV = ("DEV_REPO_ROOT", "PYTHONPATH", "MYPYPATH")


def clone_env() -> dict[str, str]:
    """This process's environment without what points at the working tree."""
    return {k: v for k, v in os.environ.items() if k not in OUTER_ENV}


@dataclass(frozen=True)
class GateRun:
    """What one `./dev test ...` cost and said."""

    seconds: float
    pytest_seconds: float | None
    tests: int | None  # passed + failed + skipped
    exit_code: int
    tail: str  # the last lines of its output, to show when it failed


def time_gate(root: Path, argv: Sequence[str]) -> GateRun:
    """Run `argv` (e.g. ./dev test --gear NAME) in `root` and time it, its output kept; the
    tools' caches are removed first, so every run starts as on a fresh clone (as CI does)."""
    for cache in CACHES:
        shutil.rmtree(root / cache, ignore_errors=True)  # absent on the first run
    env = clone_env()
    start = time.monotonic()
    done = subprocess.run(
        list(argv), cwd=root, env=env, capture_output=True, text=True, check=False
    )
    seconds = time.monotonic() - start
    output = done.stdout + done.stderr
    step = STEP_TIME.search(done.stdout)
    counts = COUNTS.search(done.stdout)
    return GateRun(
        seconds=seconds,
        pytest_seconds=float(step.group(1)) if step else None,
        tests=sum(int(n) for n in counts.groups()) if counts else None,
        exit_code=done.returncode,
        tail="\n".join(output.splitlines()[-TAIL_LINES:]),
    )
