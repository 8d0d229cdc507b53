"""The coverage step of `./dev test`: read the combined data, print each area, apply the floors."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import coverage

from dev_cli import coverage_gate


def measured_files(data_file: Path, root: Path) -> Iterator[tuple[Path, int, int]]:
    """(file, statements, missing statements) of every file in a coverage data file."""
    cov = coverage.Coverage(data_file=str(data_file), config_file=str(root / "pyproject.toml"))
    cov.load()
    for name in cov.get_data().measured_files():
        _, statements, _, missing, _ = cov.analysis2(name)
        yield Path(name), len(statements), len(missing)


def check_coverage(data_file: Path, root: Path, only: frozenset[str] | None = None) -> bool:
    """Print the coverage of every area (of `only`, when given: the areas whose tests all ran)
    and apply their floors; False (with a line per problem) when the gate fails."""
    areas = coverage_gate.totals(measured_files(data_file, root), root)
    if only is not None:
        areas = {area: counts for area, counts in areas.items() if area in only}
    for area, (covered, total) in areas.items():
        print(f"coverage {area}: {100.0 * covered / max(total, 1):.1f}% of {total} lines")
    found = coverage_gate.floor_problems(root)
    named = {line.split(":", 1)[0] for line in found}
    floors = coverage_gate.expected_floors(root)
    if only is not None:
        floors = {area: floor for area, floor in floors.items() if area in only}
    found += [p for p in coverage_gate.problems(areas, floors) if p.split(":", 1)[0] not in named]
    for line in found:
        print(f"coverage gate: {line}", file=sys.stderr)
    return not found
