"""Counting a cosmic-ray session: mutants, killed, survived (with their diffs), not run."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass
class Summary:
    """The outcome of one module's mutation run."""

    module: str
    mutants: int = 0
    killed: int = 0
    survived: list[str] = field(default_factory=list)  # the diff of each surviving mutant
    not_run: int = 0  # no result (interrupted) or the worker itself failed

    @property
    def score(self) -> float:
        """Killed mutants as a percentage of those with a result."""
        judged = self.killed + len(self.survived)
        return 100.0 * self.killed / judged if judged else 0.0

    def row(self) -> str:
        """One line of the results table."""
        return (
            f"{self.module}: {self.mutants} mutants, {self.killed} killed,"
            f" {len(self.survived)} survived, {self.not_run} not run ({self.score:.0f}% killed)"
        )


def summarize(module: str, dump_lines: Iterable[str]) -> Summary:
    """The summary from `cosmic-ray dump` output: one JSON [job, result] pair per line."""
    summary = Summary(module)
    for line in dump_lines:
        if not line.strip():
            continue
        _job, result = json.loads(line)
        summary.mutants += 1
        if not result or result.get("worker_outcome") != "normal":
            summary.not_run += 1
        elif result.get("test_outcome") == "survived":
            summary.survived.append(str(result.get("diff", "")))
        else:  # killed, or incompetent (the mutant broke the module): the tests noticed
            summary.killed += 1
    return summary
