"""Line-coverage floors per area: the shared runtime and each gear's code."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import coverage

FLOOR = 90.0


def area_of(path: Path, root: Path) -> str | None:
    """`common` for the shared runtime, `gears/<folder>` for a gear's code, else None."""
    try:
        parts = path.resolve().relative_to(root.resolve()).parts
    except ValueError:
        return None
    if parts[:3] == ("common", "src", "python"):
        return "common"
    if len(parts) > 3 and parts[0] == "gears" and parts[2:4] == ("src", "python"):
        return f"gears/{parts[1]}"
    return None


def area_coverage(data_file: Path, root: Path) -> dict[str, tuple[int, int]]:
    """(covered, total) statement counts per area from a combined coverage data file."""
    cov = coverage.Coverage(data_file=str(data_file), config_file=str(root / "pyproject.toml"))
    cov.load()
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for name in cov.get_data().measured_files():
        area = area_of(Path(name), root)
        if area is None:
            continue
        _, statements, _, missing, _ = cov.analysis2(name)
        totals[area][0] += len(statements) - len(missing)
        totals[area][1] += len(statements)
    return {area: (c, t) for area, (c, t) in sorted(totals.items())}


def below_floor(areas: dict[str, tuple[int, int]], floor: float = FLOOR) -> list[str]:
    """A line per area under the floor."""
    return [
        f"{area}: {100.0 * c / t:.1f}% of {t} lines covered, below {floor:.0f}%"
        for area, (c, t) in areas.items()
        if t and 100.0 * c / t < floor
    ]
