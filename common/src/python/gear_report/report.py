"""GearReport: what a run did, planned or failed, written atomically as JSON."""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from atomic_files import write_text_atomically
from flywheel_access import Outcome, PlanRecord
from gear_stop import STOP, StopFlag, StopRequested

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Failure:
    """A part of the work that failed: which (`scope`) and why (`reason`, secret-free)."""

    scope: str
    reason: str


def report_name(gear: str) -> str:
    """The report's file name in `output/` for the gear named `gear`."""
    return f"{gear}-report.json"


def report_totals(records: Iterable[PlanRecord], failures: Iterable[Failure]) -> dict[str, int]:
    """Records per outcome (`failed writes` for failed ones), `records`, and `failed`.

    `failed` counts the failures, not the failed writes: a read that failed has no record,
    and the totals must still agree with the failures the report lists.
    """
    counts = Counter(record.outcome for record in records)
    result = {
        ("failed writes" if outcome is Outcome.FAILED else outcome.value): counts.get(outcome, 0)
        for outcome in Outcome
    }
    result["records"] = sum(counts.values())
    result["failed"] = sum(1 for _ in failures)
    return result


def unfinished_reason(error: BaseException) -> str:
    """Why a run stopped early, for the report: the stop signal's name, else the exception's
    type only, never its message."""
    if isinstance(error, StopRequested):
        return f"interrupted by {error.signal_name}: no write was started after it"
    if isinstance(error, Exception):
        return f"internal error: {type(error).__name__}"
    return f"interrupted: {type(error).__name__}"


@dataclass
class GearReport:
    """One run's report; gears fill `records`, `failures` and `context`, then `write` it."""

    gear: str
    version: str
    dry_run: bool
    context: dict[str, Any] = field(default_factory=dict)
    records: list[PlanRecord] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    interrupted: str | None = None

    def fail(self, scope: str, reason: str) -> None:
        """Add a failure."""
        self.failures.append(Failure(scope, reason))

    def end_early(self, error: BaseException) -> None:
        """Note that the run ended before its end because of `error` (a stop signal, a bug,
        Ctrl-C): one failure of scope `run`, and `interrupted` for a stop signal."""
        self.fail("run", unfinished_reason(error))
        if isinstance(error, StopRequested):
            self.interrupted = error.signal_name

    def data(self) -> dict[str, Any]:
        """The report as JSON-ready data, keys in the documented order."""
        return {
            "gear": self.gear,
            "version": self.version,
            "dry_run": self.dry_run,
            "interrupted": self.interrupted,
            "totals": report_totals(self.records, self.failures),
            "failures": [{"scope": f.scope, "reason": f.reason} for f in self.failures],
            "records": [record.as_dict() for record in self.records],
            "context": self.context,
        }

    @contextmanager
    def written_to(
        self, output_dir: Path, explained: tuple[type[Exception], ...] = ()
    ) -> Iterator[Path]:
        """Run the block, then write the report to `output_dir` whatever happens; yields its path.

        An exception escaping the block is recorded first: one of `explained` (errors whose
        message is meant for the user, e.g. WorkFailed) with its message, any other (a stop
        signal, a bug) with `end_early`.
        """
        try:
            yield output_dir / report_name(self.gear)
        except explained as error:
            self.fail("run", str(error))
            raise
        except BaseException as error:
            self.end_early(error)
            raise
        finally:
            path = self.write(output_dir)
            log.info("report: %s; %s", path.name, report_totals(self.records, self.failures))

    def write(self, output_dir: Path, stop: StopFlag = STOP) -> Path:
        """Write the report to `output_dir/<gear>-report.json`, never half-written; its path.

        A stop signal that came after the last write still marks the report `interrupted`
        (`stop`: the process's stop flag), as the run then exits 1.
        """
        if self.interrupted is None:
            self.interrupted = stop.signal_name
        path = output_dir / report_name(self.gear)
        write_text_atomically(path, json.dumps(self.data(), indent=2) + "\n")
        return path
