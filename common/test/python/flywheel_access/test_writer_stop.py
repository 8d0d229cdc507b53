"""After a stop signal no write starts: the writer's choke point, against the stand-in."""

from __future__ import annotations

import flywheel
import pytest

from flywheel_access import FlywheelAccess, GroupView, Outcome, RetryPolicy
from flywheel_standin import Fault, Hold, StandIn
from gear_pytest.fixtures_standin import StandInFactory
from gear_stop import StopFlag, StopRequested

SEED = {"groups": [{"id": "nacc", "label": "NACC"}]}


def make_access(standin: StandIn, stop: StopFlag, retry: RetryPolicy) -> FlywheelAccess:
    client = flywheel.Client(standin.api_key())
    return FlywheelAccess(client, dry_run=False, retry=retry, stop=stop)


def group(access: FlywheelAccess, group_id: str) -> GroupView:
    found = access.group(group_id)
    assert found is not None
    return found


def test_no_write_starts_after_a_stop(standin_factory: StandInFactory) -> None:
    standin = standin_factory(SEED)
    stop = StopFlag()
    access = make_access(standin, stop, RetryPolicy())
    stop.request("SIGTERM")
    with pytest.raises(StopRequested, match="stopped by SIGTERM before create_group on alpha"):
        access.ensure_group("alpha", "Alpha")
    assert standin.writes() == []
    assert access.records == []  # a write that never started leaves no record


def test_the_write_in_flight_finishes_and_the_next_does_not_start(
    standin_factory: StandInFactory,
) -> None:
    standin = standin_factory(SEED)
    stop = StopFlag()

    def stop_then_release(method: str, path: str) -> None:
        stop.request("SIGHUP")  # as the signal handler does, while the write is in flight
        hold.release()

    hold = standin.add_hold(Hold.write(1, on_hold=stop_then_release))
    access = make_access(standin, stop, RetryPolicy())
    nacc = group(access, "nacc")
    with pytest.raises(StopRequested):
        access.ensure_group_tags(nacc, ["first", "second"])
    assert hold.held.is_set()
    assert [(r.method, r.path, r.status) for r in standin.writes()] == [
        ("POST", "/api/groups/nacc/tags", 200)
    ]
    assert [(r.payload, r.outcome) for r in access.records] == [({"tag": "first"}, Outcome.DONE)]


def test_a_failed_write_is_not_retried_after_a_stop(standin_factory: StandInFactory) -> None:
    standin = standin_factory(SEED)
    standin.add_fault(Fault("POST", "/api/groups/nacc/tags", nth=1, status=503))
    stop = StopFlag()
    access = make_access(
        standin, stop, RetryPolicy(attempts=4, sleep=lambda seconds: stop.request("SIGINT"))
    )
    with pytest.raises(StopRequested, match="before retrying add_group_tag on nacc"):
        access.ensure_group_tags(group(access, "nacc"), ["first"])
    assert len(standin.writes()) == 1
    [record] = access.records
    assert record.outcome is Outcome.FAILED
    assert record.reason is not None and record.reason.endswith("not retried: stopped by SIGINT")
