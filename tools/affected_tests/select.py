"""The rules: which tests a set of changed files affects.

For each changed path (repository-relative; deleted, new and untracked files included):

1. a path in EVERY_TEST (the Python lock, MODULE.bazel, pyproject.toml's test settings, the
   test plugin, the Flywheel stand-in) affects every test;
2. a test tagged "external" reads the whole source tree, so any change affects it;
3. a first-party .bzl file affects the tests that reach a package whose BUILD file loads it
   (one that no BUILD file loads is as in 5);
4. a file some target names (srcs, data, ...) affects the tests whose inputs include it;
5. any other file (a BUILD file, a deleted or new file no target names yet) affects the tests
   that reach the package holding it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from affected_tests.inputs import PyTestReach, declared_files
from affected_tests.loads import bzl_users
from buildcheck import BuildGraph

BUILD_FILES = frozenset({"BUILD.bazel", "BUILD"})
# Paths whose change affects every test; a folder ends in "/".
EVERY_TEST = (
    "requirements_lock.txt",
    "MODULE.bazel",
    "pyproject.toml",  # pytest's, coverage's and mypy's settings
    "tools/gear_pytest/",
    "tools/flywheel_standin/",
)


@dataclass(frozen=True)
class Selection:
    """The affected tests, and for each the first changed path that affects it."""

    tests: tuple[PyTestReach, ...]
    chosen: dict[str, str] = field(default_factory=dict)  # test label -> a path that affects it
    every_test_because: str | None = None  # the EVERY_TEST path that selected them all

    @property
    def files(self) -> list[str]:
        """The chosen tests' test files, sorted."""
        return sorted({src for t in self.tests if t.label in self.chosen for src in t.srcs})

    @property
    def all_files(self) -> list[str]:
        """Every test's test files, sorted."""
        return sorted({src for t in self.tests for src in t.srcs})

    @property
    def labels(self) -> set[str]:
        """The chosen tests' labels."""
        return set(self.chosen)


def under(path: str, entries: Iterable[str]) -> bool:
    """Whether `path` is one of the entries or inside one of its folders (entries ending "/")."""
    return any(path == e or (e.endswith("/") and path.startswith(e)) for e in entries)


def select_tests(
    tests: Sequence[PyTestReach],
    changed: Iterable[str],
    *,
    declared: frozenset[str],
    package_of: dict[str, str | None],
    bzl_users: dict[str, set[str]],
) -> Selection:
    """The tests `changed` affects (see the module docstring); `declared` holds every file a
    target names, `package_of` each changed path's package, `bzl_users` each .bzl file's
    loading packages."""
    paths = sorted(set(changed))
    chosen: dict[str, str] = {}
    for path in paths:
        if under(path, EVERY_TEST):
            return Selection(tuple(tests), {t.label: path for t in tests}, path)
    for path in paths:
        packages = _packages_touched(path, declared, package_of, bzl_users)
        for test in tests:
            if test.label in chosen:
                continue
            if test.reads_the_tree or test.packages & packages or test.reaches(path):
                chosen[test.label] = path
    return Selection(tuple(tests), chosen)


def select_in_graph(
    graph: BuildGraph, tests: Sequence[PyTestReach], changed: Iterable[str]
) -> Selection:
    """`select_tests` with the declared files, packages and .bzl users read from `graph`."""
    paths = set(changed)
    return select_tests(
        tests,
        paths,
        declared=declared_files(graph),
        package_of={path: graph.package_of(path) for path in paths},
        bzl_users=bzl_users(graph),
    )


def _packages_touched(
    path: str,
    declared: frozenset[str],
    package_of: dict[str, str | None],
    bzl_users: dict[str, set[str]],
) -> set[str]:
    name = path.rpartition("/")[2]
    if path.endswith(".bzl") and bzl_users.get(path):
        return set(bzl_users[path])
    if name not in BUILD_FILES and (
        path in declared or under(path, (d for d in declared if d.endswith("/")))
    ):
        return set()  # rule 4: the tests naming it, by their files
    package = package_of.get(path)
    return set() if package is None else {package}
