"""What each benchmarked gear is run with, per size: its inputs and config."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DATATYPES = ("form", "dicom", "mri")


@dataclass(frozen=True)
class Workload:
    """One size of a gear's benchmark: input files to write, config overrides, a label."""

    label: str
    input_files: dict[str, tuple[str, str]]  # input name -> (file name, text)
    config: dict[str, Any] = field(default_factory=dict)


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
    )


# Gear folder -> its workload per size. A gear without an entry has no benchmark.
WORKLOADS: dict[str, Callable[[int], Workload]] = {
    "project_management": project_management_workload,
}


def write_inputs(workload: Workload, folder: Path) -> dict[str, Path]:
    """Write the workload's input files under `folder`; input name -> path."""
    paths = {}
    for name, (file_name, text) in workload.input_files.items():
        path = folder / name / file_name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths[name] = path
    return paths
