"""Which tests `./dev test` runs, and which coverage floors then mean something.

The full gate runs every py_test's files and checks every floor. `--changed` and `--gear` run the
tests a change affects (affected_tests) and check the floors of the areas whose tests all ran.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from affected_tests import (
    Base,
    area_tests,
    base_at,
    changes_since,
    complete_areas,
    reach_of_tests,
    select_in_graph,
)
from buildcheck import load_graph
from buildcheck.files import list_repo_files
from dev_cli import coverage_gate
from gear_layout import resolve_gear

SHOWN_AREAS = 6  # areas named in the closing line; the rest are counted


@dataclass(frozen=True)
class GateScope:
    """The test files to run, the areas whose floors apply (None: all) and, for a chosen
    subset, what it left out (for the closing line)."""

    files: list[str]
    floor_areas: frozenset[str] | None = None
    ran: str | None = None  # "dev test --changed: 12 of 112 test files ran, ..."; None: all
    unchecked: tuple[str, ...] = ()  # areas whose tests did not all run

    def summary(self, extra: Sequence[str], *, tests_passed: bool) -> str:
        """The closing line of a chosen subset: what ran, what was skipped, and which floors
        were checked; `extra` (pytest arguments) and failed tests turn the floors off."""
        ran = self.ran or "dev test: every test file ran"
        if not self.files:
            unused = f"; pytest's arguments {' '.join(extra)!r} went unused" if extra else ""
            return f"{ran}. No coverage floor applies{unused}."
        if extra:
            return f"{ran}. No coverage floor checked: pytest was given {' '.join(extra)!r}."
        if not tests_passed:
            return f"{ran}. No coverage floor checked: tests failed."
        return f"{ran}. {_floor_words(sorted(self.floor_areas or ()), self.unchecked)}."


def full_scope(root: Path) -> GateScope:
    """Every test file of every py_test."""
    graph = load_graph(root)
    return GateScope(sorted({src for test in graph.py_tests() for src in test.srcs}))


def changed_scope(root: Path, since: str | None) -> GateScope:
    """The tests the changes since `since` (default: the merge base with origin/main) affect."""
    base = base_at(root, since)
    changed = changes_since(root, base)
    return _affected_scope(root, changed, _since_words(base, changed), "--changed")


def gear_scope(root: Path, names: Sequence[str]) -> GateScope:
    """The tests a change to every file of the named gears would affect (UnknownGearError)."""
    folders = sorted({resolve_gear(name, root).folder for name in names})
    prefixes = tuple(f"gears/{folder}/" for folder in folders)
    changed = {path for path in list_repo_files(root) if path.startswith(prefixes)}
    return _affected_scope(root, changed, f"the files of {', '.join(folders)}", "--gear")


def _since_words(base: Base, changed: set[str]) -> str:
    count = f"{len(changed)} changed file{'s' if len(changed) != 1 else ''}"
    return f"{count} since {base.commit[:10]} ({base.how})"


def _affected_scope(root: Path, changed: set[str], why: str, mode: str) -> GateScope:
    graph = load_graph(root)
    reach = reach_of_tests(graph)
    selection = select_in_graph(graph, reach, changed)
    areas = coverage_gate.expected_floors(root)
    checked, unchecked = complete_areas(
        areas, area_tests(reach, coverage_gate.area_of), selection.labels
    )
    files, every = selection.files, selection.all_files
    ran = f"dev test {mode}: {len(files)} of {len(every)} test files ran, affected by {why}"
    if selection.every_test_because is not None:
        ran += f" ({selection.every_test_because} affects every test)"
    ran += f"; {len(every) - len(files)} skipped as unaffected"
    return GateScope(files, frozenset(checked) if files else frozenset(), ran, tuple(unchecked))


def _floor_words(checked: Sequence[str], unchecked: Sequence[str]) -> str:
    if not unchecked:
        return "Coverage floors checked for every area"
    shown = ", ".join(unchecked[:SHOWN_AREAS])
    more = len(unchecked) - SHOWN_AREAS
    if more > 0:
        shown += f" and {more} more"
    return (
        f"Coverage floors checked for {len(checked)} area{'s' if len(checked) != 1 else ''}, "
        f"not for {len(unchecked)} whose tests did not all run ({shown}; ./dev test checks all)"
    )
