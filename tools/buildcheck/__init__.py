"""The offline build check: evaluates the Bazel files with Starlark and checks the recorded graph.

`load_graph(root)` gives the targets (for `./dev test` and `./dev changed`); `check(root)` gives
every problem, one line each: `path/BUILD.bazel: //pkg:target: message`.
"""

from buildcheck.checks import check
from buildcheck.graph import load_graph
from buildcheck.model import BuildGraph, Problem, PyTestInfo, Target

__all__ = ["BuildGraph", "Problem", "PyTestInfo", "Target", "check", "load_graph"]
