"""The single choke point every write passes: plan record, dry run, retry, confirmation.

`Writer.submit` is the only place that sends a write. It first checks the stop flag (`gear_stop`:
after SIGTERM, SIGHUP or SIGINT no write starts; `StopRequested` is raised instead, and the write
in flight, if any, has finished or failed). It then appends a PlanRecord; in a dry
run it stops there (outcome PLANNED) after reflecting the planned effect in the cache. Otherwise
it applies the operation; on a retryable failure (429, 5xx, dropped connection, timeout) or a
status the operation names in `settled_by` (409 for additions, 404 for a deletion: another
client got there first) it re-reads just the target container to learn whether the write took
effect, and only retries, after a backoff, when it did not. Nothing is created twice.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any, NoReturn

from flywheel_access.failures import Failure, classify
from flywheel_access.operations import WRITE_OPERATIONS, Payload, WriteOperation
from flywheel_access.reader import FlywheelReader
from flywheel_access.records import Outcome, PlanRecord, ReadFailed, WriteFailed
from flywheel_access.retry import RetryPolicy
from flywheel_access.views import GroupView, ProjectView
from gear_stop import STOP, StopFlag

log = logging.getLogger(__name__)

Target = GroupView | ProjectView


class Writer:
    """Sends (or, in a dry run, only plans) writes from the operation registry."""

    def __init__(
        self,
        client: Any,
        reader: FlywheelReader,
        *,
        dry_run: bool,
        retry: RetryPolicy,
        secrets: Iterable[str] = (),
        stop: StopFlag = STOP,
    ) -> None:
        self._client = client
        self._stop = stop
        self._reader = reader
        self._retry = retry
        self._secrets = tuple(secrets)
        self.dry_run = dry_run
        self.records: list[PlanRecord] = []

    def already(self, operation: str, target: Target, payload: Payload) -> PlanRecord:
        """Record a write that is not needed because its effect is there; sends nothing."""
        self._operation(operation, target)
        record = PlanRecord(operation, target.path, payload, Outcome.ALREADY)
        self.records.append(record)
        log.debug("%s %s %s: already there", operation, target.path, payload)
        return record

    def submit(self, operation: str, target: Target, payload: Payload) -> PlanRecord:
        """Plan the write; unless dry run, send it. Raises WriteFailed (record FAILED), or
        StopRequested, before anything is recorded or sent, once a stop was asked for."""
        op = self._operation(operation, target)
        self._stop.raise_if_stopped(f"{operation} on {target.path}")
        record = PlanRecord(operation, target.path, payload, Outcome.PLANNED)
        self.records.append(record)
        if self.dry_run:
            op.reflect(target, payload)
            log.info("%s %s %s: planned (dry run)", operation, target.path, payload)
            return record
        self._send(op, target, payload, record)
        op.reflect(target, payload)
        log.info("%s %s %s: %s", operation, target.path, payload, record.outcome.value)
        return record

    def _operation(self, operation: str, target: Target) -> WriteOperation[Any]:
        op = WRITE_OPERATIONS[operation]
        if not isinstance(target, op.target_type):
            raise TypeError(f"{operation} needs a {op.target_type.__name__}, not {target!r}")
        return op

    def _send(
        self, op: WriteOperation[Any], target: Target, payload: Payload, record: PlanRecord
    ) -> None:
        for attempt in range(1, self._retry.attempts + 1):
            failure = self._try(op, target, payload)
            if failure is None:
                record.outcome = Outcome.DONE
                return
            settled = failure.status in op.settled_by
            if (failure.retryable or settled) and self._took_effect(
                op, target, payload, record, failure
            ):
                record.outcome = Outcome.ALREADY if settled else Outcome.DONE
                log.info("%s %s: took effect despite %s", op.name, target.path, failure.reason)
                return
            if not failure.retryable:
                self._fail(record, failure.reason)
            if attempt == self._retry.attempts:
                self._fail(record, f"{failure.reason} (gave up after {attempt} attempts)")
            delay = self._retry.delay(attempt)
            log.warning(
                "%s %s failed (%s); retrying in %.1f s", op.name, target.path, failure.reason, delay
            )
            self._retry.sleep(delay)  # returns early on a stop (see RetryPolicy.sleep)
            self._stop_before_retry(record, failure.reason)

    def _stop_before_retry(self, record: PlanRecord, reason: str) -> None:
        """A retry is a new write: after a stop signal it is not sent, and the record fails."""
        name = self._stop.signal_name
        if name is None:
            return
        record.outcome = Outcome.FAILED
        record.reason = f"{reason}; not retried: stopped by {name}"
        log.error("%s %s: failed: %s", record.operation, record.path, record.reason)
        self._stop.raise_if_stopped(f"retrying {record.operation} on {record.path}")

    def _try(self, op: WriteOperation[Any], target: Target, payload: Payload) -> Failure | None:
        """Apply once; None on success, else the classified failure (our bugs propagate)."""
        try:
            op.apply(self._client, target, payload)
        except Exception as error:
            failure = classify(error, self._secrets)
            if failure is None:
                raise
            return failure
        return None

    def _took_effect(
        self,
        op: WriteOperation[Any],
        target: Target,
        payload: Payload,
        record: PlanRecord,
        failure: Failure,
    ) -> bool:
        try:
            return op.took_effect(self._reader, target, payload)
        except ReadFailed as error:
            self._fail(record, f"{failure.reason}; could not check whether it took effect: {error}")

    def _fail(self, record: PlanRecord, reason: str) -> NoReturn:
        record.outcome = Outcome.FAILED
        record.reason = reason
        log.error("%s %s %s: failed: %s", record.operation, record.path, record.payload, reason)
        raise WriteFailed(record)
