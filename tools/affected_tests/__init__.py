"""Which tests a change affects, from the build graph (`./dev test --changed`, `--gear`).

A test is affected by a changed file when the file is among its inputs: the files its target and
everything it reaches through label attributes (srcs, deps, data, ...) name, and the packages
those targets live in. See select.py for the whole rule set.
"""

from affected_tests.areas import area_tests, complete_areas
from affected_tests.changes import Base, base_at, changes_since, default_base
from affected_tests.inputs import PyTestReach, declared_files, reach_of_tests
from affected_tests.select import EVERY_TEST, Selection, select_in_graph, select_tests

__all__ = [
    "EVERY_TEST",
    "Base",
    "PyTestReach",
    "Selection",
    "area_tests",
    "base_at",
    "changes_since",
    "complete_areas",
    "declared_files",
    "default_base",
    "reach_of_tests",
    "select_in_graph",
    "select_tests",
]
