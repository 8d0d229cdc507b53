"""The floors the docs state are the gate's, and every tools/ package of the repository has one."""

from __future__ import annotations

import re

from dev_cli.coverage_gate import FLOOR, TOOL_FLOORS, floor_problems
from gear_pytest.source_tree import source_tree

ROOT = source_tree(__file__)
ROW = re.compile(r"^\| `(?P<area>[^`]+)`[^|]*\| (?P<floor>\d+)% \|$", re.MULTILINE)


def documented_floors() -> dict[str, float]:
    text = (ROOT / "docs" / "offline-gate.md").read_text()
    return {m["area"]: float(m["floor"]) for m in ROW.finditer(text)}


def test_the_docs_state_the_gates_floors() -> None:
    expected = {"common": FLOOR, "gears/<folder>": FLOOR}
    expected |= {f"tools/{name}": floor for name, floor in TOOL_FLOORS.items()}
    assert documented_floors() == expected


def test_every_tools_package_of_the_repository_has_a_floor() -> None:
    assert floor_problems(ROOT) == []
