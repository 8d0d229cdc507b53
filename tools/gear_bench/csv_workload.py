"""csv-center-splitter's benchmark: N rows over 50 centers, and its split phase's peak memory.

The seed has the 50 centers' groups with their `ingest-form` project, and the project the
input lives in (the destination `./dev run` and the bench give a job). The probe runs the
gear's own split (`csv_center_splitter_app.split.split_csv`) on the same file under
tracemalloc: its peak must not grow with the rows.
"""

from __future__ import annotations

import tracemalloc
from pathlib import Path
from typing import Any

from csv_center_splitter_app.split import ERROR_COLUMNS, split_csv
from gear_bench.workloads import Workload
from row_errors import RowErrorWriter

CENTERS = 50
INPUT = "input_file"
DESTINATION_ID = "000000000000000000000001"
HEADER = b"center_id,ptid,visitnum,visitdate,formver\n"


def center_ids(count: int = CENTERS) -> list[str]:
    """The centers' group ids."""
    return [f"center-{i:02d}" for i in range(count)]


def visits_csv(rows: int, centers: list[str]) -> bytes:
    """A CSV of `rows` visits, round-robin over `centers` (the hardest order for open files)."""
    ids = [center.encode() for center in centers]
    body = b"".join(
        b"%s,P%07d,%d,2026-%02d-%02d,4\n"
        % (ids[i % len(ids)], i, i % 9 + 1, i % 12 + 1, i % 28 + 1)
        for i in range(rows)
    )
    return HEADER + body


def bench_seed(centers: list[str]) -> dict[str, Any]:
    """The stand-in seed: every center with `ingest-form`, and the input's own project."""
    groups: list[dict[str, Any]] = [
        {"id": "nacc", "projects": [{"id": DESTINATION_ID, "label": "csv-ingest"}]}
    ]
    groups += [{"id": center, "projects": [{"label": "ingest-form"}]} for center in centers]
    return {"groups": groups}


def split_peak_bytes(inputs: dict[str, Path], scratch: Path) -> int:
    """The split phase's peak traced memory (bytes) on the workload's input."""
    known = set(center_ids())
    source = inputs[INPUT]
    errors = RowErrorWriter(scratch / "errors.csv", ERROR_COLUMNS, scratch_dir=scratch)
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        split_csv(
            source,
            file_name=source.name,
            stem=source.stem,
            center_column="center_id",
            delimiter=",",
            problem_of=lambda center: None if center in known else "unknown center",
            work_dir=scratch / "parts",
            errors=errors,
        )
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        errors.discard()


def csv_center_splitter_workload(rows: int) -> Workload:
    """`rows` rows over 50 centers."""
    centers = center_ids()
    return Workload(
        label=f"{rows:,} rows x {len(centers)} centers",
        input_files={INPUT: ("visits.csv", visits_csv(rows, centers))},
        seed=bench_seed(centers),
        items=rows,
        probe=split_peak_bytes,
    )
