"""Coverage areas and the tests that measure them: an area's floor means something only when
every test that reaches its code ran."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import PurePath, PurePosixPath

from affected_tests.inputs import PyTestReach

AreaOf = Callable[[PurePath], str | None]


def area_tests(tests: Sequence[PyTestReach], area_of: AreaOf) -> dict[str, set[str]]:
    """Area -> the labels of the tests that reach one of its packages (`area_of` maps a
    repository path to its area, as the coverage gate does)."""
    found: dict[str, set[str]] = {}
    for test in tests:
        for package in test.packages:
            area = area_of(PurePosixPath(package, "__init__.py"))
            if area is not None:
                found.setdefault(area, set()).add(test.label)
    return found


def complete_areas(
    areas: Iterable[str], tests_of: dict[str, set[str]], ran: set[str]
) -> tuple[list[str], list[str]]:
    """(areas whose tests all ran, the others), each sorted."""
    complete: list[str] = []
    partial: list[str] = []
    for area in sorted(areas):
        (complete if tests_of.get(area, set()) <= ran else partial).append(area)
    return complete, partial
