"""All checks over a loaded build graph."""

from __future__ import annotations

from pathlib import Path

from buildcheck.check_gazelle import gazelle_problems
from buildcheck.check_gears import gear_problems, manifest_problems
from buildcheck.check_labels import LabelChecker
from buildcheck.check_launcher import launcher_problems
from buildcheck.check_modules import module_problems
from buildcheck.check_python import ImportChecker, build_index, unowned_files
from buildcheck.graph import load_graph
from buildcheck.model import BuildGraph, Problem


def graph_problems(graph: BuildGraph) -> list[Problem]:
    """Problems of a loaded graph: evaluation, modules, labels, Python, gears; sorted, unique."""
    index = build_index(graph)
    found = list(graph.problems)
    found += module_problems(graph.root)
    found += LabelChecker(graph).check()
    found += unowned_files(graph, index)
    found += ImportChecker(graph, index).check()
    found += gear_problems(graph)
    found += manifest_problems(graph)
    found += gazelle_problems(graph)
    found += launcher_problems(graph)
    return sorted(set(found))


def check(root: Path) -> list[Problem]:
    """Evaluate the repository at `root` and return every problem found."""
    return graph_problems(load_graph(root))
