"""Scaffolded gears for the benchmark, made by the clone's own `./dev new-gear`."""

from __future__ import annotations

import subprocess
from pathlib import Path

from gate_bench.runs import clone_env
from gear_layout import gear_folders

PREFIX = "gate-bench-"


def new_gear_argv(number: int) -> list[str]:
    """`./dev new-gear` for gear `number`: odd ones may use the gear bot key, even ones read a
    CSV input, so both kinds of generated test are counted."""
    argv = ["./dev", "new-gear", f"{PREFIX}{number:02d}"]
    return [*argv, "--gear-bot"] if number % 2 else [*argv, "--input", "source_file:csv"]


def add_gears(root: Path, total: int) -> list[str]:
    """Add scaffolded gears until `root` has `total` gear folders; the folders added."""
    env = clone_env()
    added: list[str] = []
    number = 0
    while len(gear_folders(root)) < total:
        number += 1
        folder = f"{PREFIX}{number:02d}".replace("-", "_")
        if (root / "gears" / folder).exists():
            continue
        subprocess.run(new_gear_argv(number), cwd=root, env=env, check=True, capture_output=True)
        added.append(folder)
    return added
