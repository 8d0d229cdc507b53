"""What each benchmarked gear is run with, per size: its inputs, config, seed and probe.

`BENCHES` maps a gear folder to its `Bench`: the workload of one size and the default sizes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DATATYPES = ("form", "dicom", "mri")

# A probe measures one phase of the gear in this process (e.g. its peak memory under
# tracemalloc): it gets the workload's input files and a scratch folder, and returns bytes.
Probe = Callable[[dict[str, Path], Path], int]


@dataclass(frozen=True)
class Workload:
    """One size of a gear's benchmark: input files to write, config overrides, a label.

    `seed` replaces the gear's example stand-in seed; `items` (rows, centers, ...) gives the
    per-second rate; `probe` measures a phase of the gear in process (see `Probe`).
    """

    label: str
    input_files: dict[str, tuple[str, str | bytes]]  # input name -> (file name, content)
    config: dict[str, Any] = field(default_factory=dict)
    seed: dict[str, Any] | None = None
    items: int | None = None
    probe: Probe | None = None


@dataclass(frozen=True)
class Bench:
    """A gear's benchmark: its workload by size, and the sizes `./dev bench` runs by default."""

    workload: Callable[[int], Workload]
    sizes: tuple[int, ...]
    unit: str  # what a size counts, for help texts


def centers_project_file(centers: int, datatypes: tuple[str, ...] = DATATYPES) -> str:
    """A project file: one primary project with `centers` active centers."""
    lines = ["project: Bench", "project-id: bench", "primary: true", "centers:"]
    lines += [f"  - {{name: Center {i}, center-id: center-{i:05d}}}" for i in range(centers)]
    lines.append(f"datatypes: [{', '.join(datatypes)}]")
    return "\n".join(lines) + "\n"


def project_management_workload(size: int) -> Workload:
    """`size` centers, 3 datatypes (7 projects per center)."""
    return Workload(
        label=f"{size} centers x {len(DATATYPES)} datatypes",
        input_files={"project_file": ("project-file.yaml", centers_project_file(size))},
        items=size,
    )


def write_inputs(workload: Workload, folder: Path) -> dict[str, Path]:
    """Write the workload's input files under `folder`; input name -> path."""
    paths = {}
    for name, (file_name, content) in workload.input_files.items():
        path = folder / name / file_name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        paths[name] = path
    return paths
