"""Load the build graph of a repository: evaluate its Bazel files and record what they declare."""

from __future__ import annotations

from pathlib import Path

from buildcheck.evaluator import Evaluator
from buildcheck.files import RepoFiles
from buildcheck.model import BuildGraph


def load_graph(root: Path) -> BuildGraph:
    """Evaluate MODULE.bazel and every BUILD file under `root` (problems found are on the graph)."""
    repo = RepoFiles.scan(root)
    result = Evaluator(repo).run()
    return BuildGraph(
        repo=repo,
        targets=result.targets,
        module=result.module,
        macro_calls=result.macro_calls,
        gear_list=result.gear_list,
        problems=result.problems,
        output_owner=result.output_owner,
        failed_packages=result.failed_packages,
    )
