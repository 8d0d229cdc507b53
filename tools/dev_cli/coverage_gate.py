"""Line-coverage floors per area: the one place for the area rule and the floors.

Areas: `common` (the shared runtime, common/src/python), `gears/<folder>` (a gear's code,
gears/<folder>/src/python) and `tools/<package>` (each package of tools/, its tests excluded).
Every gear folder and every tools/ package is an area the gate expects: one with no measured
line fails, as does a package with no floor. docs/offline-gate.md states the floors (a test
checks that it agrees with TOOL_FLOORS).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path, PurePath

from gear_layout import gear_folders

FLOOR = 90.0  # the shared runtime and every gear
# Each tools/ package's own floor (percent of its lines, its tests excluded).
TOOL_FLOORS: dict[str, float] = {
    "affected_tests": 90.0,
    "bcr_facts": 85.0,
    "build_deps": 80.0,
    "buildcheck": 90.0,
    "config_usage": 95.0,
    "dev_cli": 75.0,
    "docs_check": 85.0,
    "flywheel_standin": 90.0,
    "gate_bench": 90.0,
    "gear_bench": 65.0,
    "gear_layout": 95.0,
    "gear_pytest": 95.0,
    "gear_release": 90.0,
    "gear_run": 95.0,
    "gear_scaffold": 90.0,
    "gear_upload": 80.0,
    "local_ssm": 90.0,
    "lock_check": 95.0,
    "manifest_check": 90.0,
    "mutate": 70.0,
    "safe_push": 95.0,
    "user_key": 95.0,
    "workflow_check": 80.0,
}
TEST_DIRS = frozenset({"test", "tests"})

Areas = Mapping[str, tuple[int, int]]  # area -> (covered, total) statements


def area_of(relative: PurePath) -> str | None:
    """The area of a repository-relative source path, or None (tests, other folders)."""
    parts = relative.parts
    if not parts or TEST_DIRS & set(parts):
        return None
    if parts[:3] == ("common", "src", "python") and len(parts) > 3:
        return "common"
    if len(parts) > 4 and parts[0] == "gears" and parts[2:4] == ("src", "python"):
        return f"gears/{parts[1]}"
    if len(parts) > 2 and parts[0] == "tools":
        return f"tools/{parts[1]}"
    return None


def tool_packages(root: Path) -> list[str]:
    """The Python packages directly under tools/ (folders with an __init__.py)."""
    return sorted(p.parent.name for p in (root / "tools").glob("*/__init__.py"))


def expected_floors(root: Path) -> dict[str, float]:
    """Every area the gate expects data for, with its floor."""
    floors = {"common": FLOOR}
    floors.update({f"gears/{folder}": FLOOR for folder in gear_folders(root)})
    floors.update({f"tools/{name}": floor for name, floor in TOOL_FLOORS.items()})
    return floors


def floor_problems(root: Path) -> list[str]:
    """The tools/ packages with no floor, and floors for packages that do not exist."""
    packages = set(tool_packages(root))
    missing = sorted(packages - TOOL_FLOORS.keys())
    stale = sorted(TOOL_FLOORS.keys() - packages)
    return [f"tools/{p}: no coverage floor; add one to TOOL_FLOORS" for p in missing] + [
        f"tools/{p}: a coverage floor for a package that does not exist" for p in stale
    ]


def problems(areas: Areas, floors: Mapping[str, float]) -> list[str]:
    """A line per area with no data or under its floor, and per measured area with no floor."""
    found: list[str] = []
    for area, floor in floors.items():
        covered, total = areas.get(area, (0, 0))
        if total == 0:
            found.append(f"{area}: no coverage data (not one of its lines was measured)")
        elif 100.0 * covered / total < floor:
            found.append(
                f"{area}: {100.0 * covered / total:.1f}% of {total} lines covered,"
                f" below its floor of {floor:.0f}%"
            )
    found += [f"{area}: measured but has no floor" for area in areas if area not in floors]
    return found


def totals(measured: Iterable[tuple[Path, int, int]], root: Path) -> dict[str, tuple[int, int]]:
    """(covered, total) per area from (file, statements, missing) of every measured file."""
    sums: dict[str, tuple[int, int]] = {}
    for path, statements, missing in measured:
        try:
            relative = path.resolve().relative_to(root.resolve())
        except ValueError:
            continue
        area = area_of(relative)
        if area is None:
            continue
        covered, total = sums.get(area, (0, 0))
        sums[area] = (covered + statements - missing, total + statements)
    return dict(sorted(sums.items()))
