"""The stand-in fixtures: SDK retries are off, so a dead server fails at once."""

from __future__ import annotations

import os
import threading

import flywheel
import flywheel.rest
import httpx2
import pytest

from flywheel_standin import Fault, Gate, StandIn
from gear_pytest.fixtures_standin import SharedStandIn, StandInFactory


def test_sdk_retry_settings_are_off_for_tests() -> None:
    assert os.environ["FLYWHEEL_SDK_TOTAL_RETRIES"] == "0"
    assert flywheel.rest.TOTAL_RETRIES == 0
    assert flywheel.rest.BACKOFF_FACTOR == 0
    assert flywheel.rest.CONNECT_TIMEOUT == 2


def test_a_dead_server_fails_at_once(closed_port: int) -> None:
    with pytest.raises(httpx2.ConnectError):
        flywheel.Client(f"127.0.0.1:{closed_port}:__force_insecure:any")


def test_a_dropped_answer_is_not_retried(standin: StandIn) -> None:
    # Counted, not timed: one request, no retry (so no backoff to wait for).
    standin.add_fault(Fault("GET", "/api/auth/status", drop=True))
    with pytest.raises(httpx2.TransportError):
        flywheel.Client(standin.api_key())
    assert [r.path for r in standin.requests] == ["/api/auth/status"]


def test_a_failing_get_is_not_retried(standin: StandIn, fw_client: flywheel.Client) -> None:
    standin.add_fault(Fault("GET", "/api/groups"))
    with pytest.raises(flywheel.ApiException):
        fw_client.get_all_groups()
    assert [r.status for r in standin.requests if r.path == "/api/groups"] == [503]


def test_fixtures_give_a_started_standin_and_a_client(
    standin: StandIn, fw_client: flywheel.Client
) -> None:
    assert standin.url == f"http://127.0.0.1:{standin.port}"
    assert standin.port > 0
    assert fw_client.get_current_user().id == "admin@example.org"


def test_reset_gives_the_seed_state_on_the_same_port_and_forgets_everything_else(
    standin_factory: StandInFactory,
) -> None:
    standin = standin_factory({"groups": [{"id": "old"}]})
    port = standin.port
    client = flywheel.Client(standin.api_key())
    client.add_group({"_id": "made", "label": "Made"})
    standin.add_fault(Fault("GET", "/api/groups"))
    gate = standin.add_hook(Gate("GET", "/api/projects", timeout=1))
    standin.on_request = lambda request: None

    assert standin.reset({"groups": [{"id": "new"}]}) is standin

    assert standin.port == port
    assert standin.requests == []
    assert standin.on_request is None
    assert [g.id for g in client.get_all_groups()] == ["new"]  # no fault, the new seed only
    assert client.get_all_projects() == []
    assert gate.arrived == 0  # the gate was removed: it saw no request
    assert [g["id"] for g in standin.dump()["groups"]] == ["new"]


def test_a_request_held_across_a_reset_is_refused_and_leaves_no_trace(
    standin_factory: StandInFactory,
) -> None:
    standin = standin_factory()
    client = flywheel.Client(standin.api_key())
    gate = standin.add_hook(Gate("POST", "/api/groups", timeout=30))
    statuses: list[int] = []

    def add_a_group_late() -> None:
        try:
            client.add_group({"_id": "late", "label": "Late"})
        except flywheel.ApiException as error:
            statuses.append(error.status)

    thread = threading.Thread(target=add_a_group_late)
    thread.start()
    gate.wait_arrived(1, timeout=10)
    standin.reset({"groups": [{"id": "next-test"}]})  # releases the gate
    thread.join(timeout=10)

    assert statuses == [503]
    assert standin.requests == []
    assert [g["id"] for g in standin.dump()["groups"]] == ["next-test"]


def test_shared_standin_is_the_sessions_one_server_reset_to_the_tests_seed(
    shared_standin: SharedStandIn, session_standin: StandIn
) -> None:
    standin = shared_standin({"groups": [{"id": "mine"}]})
    assert standin is session_standin
    client = flywheel.Client(standin.api_key())
    client.add_group({"_id": "made", "label": "Made"})
    assert sorted(g.id for g in client.get_all_groups()) == ["made", "mine"]
    assert shared_standin() is standin
    assert client.get_all_groups() == []


def test_a_request_taken_before_a_reset_takes_no_hook_of_the_next_test(
    standin_factory: StandInFactory,
) -> None:
    standin = standin_factory()
    standin.mark_taken()  # as a serving thread does on taking a request
    standin.reset()
    next_tests_gate = standin.add_hook(Gate("GET", "/api/groups", timeout=1))
    headers = {"authorization": "scitran-user standin-key"}

    answer = standin.handle("GET", "/api/groups", headers, b"")

    assert answer.status == 503
    assert next_tests_gate.arrived == 0
    assert standin.requests == []
    next_tests_gate.open()
    assert standin.handle("GET", "/api/groups", headers, b"").status == 200  # not taken before
    assert next_tests_gate.arrived == 1
