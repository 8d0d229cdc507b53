"""The BUILD shape Gazelle's Python plugin (2.3.2, package mode) keeps as it is.

For each package with Python files not marked `# gazelle:ignore`, what the plugin generates
(gazelle/python/generate.go) must be what is written, or `bazel run //:gazelle` would change it:
one py_library with every non-test file of the folder (not `__main__.py`, not conftest.py, not
a `python_ignore_files` one), a py_test named after each test file, and no library file with
an `if __name__ == "__main__":` block (the plugin makes each such file a py_binary).
"""

from __future__ import annotations

import ast
import fnmatch
import posixpath

from buildcheck.model import BuildGraph, Problem

TEST_PATTERNS = ("*_test.py", "test_*.py")  # pythonconfig.DefaultTestFilePatternString
NOT_LIBRARY = frozenset({"__main__.py", "__test__.py", "conftest.py"})


def has_main_block(source: str) -> bool:
    """A top-level `if __name__ == "__main__":` (what the plugin's parser looks for)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return False
    for node in tree.body:
        test = node.test if isinstance(node, ast.If) else None
        if (
            isinstance(test, ast.Compare)
            and isinstance(test.left, ast.Name)
            and test.left.id == "__name__"
            and len(test.comparators) == 1
            and isinstance(test.comparators[0], ast.Constant)
            and test.comparators[0].value == "__main__"
        ):
            return True
    return False


def is_test_file(name: str) -> bool:
    """A file the plugin turns into a py_test."""
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in TEST_PATTERNS)


def package_shape_problems(
    graph: BuildGraph, package: str, build_file: str, ignored_files: set[str]
) -> list[Problem]:
    """What the plugin would change in one package."""
    names = sorted(
        posixpath.basename(p)
        for p in graph.files
        if p.endswith(".py") and posixpath.dirname(p) == package
    )
    targets = [t for t in graph.targets.values() if t.package == package and not t.macro]
    library_files = [
        n for n in names if not is_test_file(n) and n not in NOT_LIBRARY | ignored_files
    ]
    problems: list[str] = []
    libraries = [t for t in targets if t.kind == "py_library"]
    if library_files:
        listed = sorted(
            posixpath.basename(p) for t in libraries for p in graph.source_files(t, "srcs")
        )
        if len(libraries) != 1 or listed != library_files:
            problems.append(
                f"Gazelle would write one py_library with srcs {library_files}, not "
                f"{[t.name for t in libraries]} with {listed}"
            )
    test_names = {t.name for t in targets if t.kind == "py_test"}
    problems += [
        f"Gazelle would add a py_test {n[:-3]} for {n}"
        for n in names
        if is_test_file(n) and n[:-3] not in test_names
    ]
    for name in library_files:
        text = (graph.root / package / name).read_text(encoding="utf-8", errors="replace")
        if has_main_block(text):
            problems.append(f"{name} has a __main__ block: Gazelle would make it a py_binary")
    hint = " (or mark the BUILD file `# gazelle:ignore`: docs/layout.md)"
    return [Problem(build_file, "", message + hint) for message in problems]
