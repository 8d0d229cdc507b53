"""The test files `bazel test //...` runs, read from the build graph, for `./dev test`."""

from __future__ import annotations

from pathlib import Path

from buildcheck import load_graph


def test_files(root: Path) -> list[str]:
    """The srcs of every py_test in the repository, relative to the root."""
    graph = load_graph(root)
    return sorted({src for test in graph.py_tests() for src in test.srcs})
