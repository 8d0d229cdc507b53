"""The stand-in fixtures: SDK retries are off, so a dead server fails at once."""

from __future__ import annotations

import os

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


SEEN_PORTS: list[int] = []


@pytest.mark.parametrize("group", ["first", "second"])
def test_shared_standin_is_one_server_with_each_tests_own_state(
    shared_standin: SharedStandIn, group: str
) -> None:
    standin = shared_standin({"groups": [{"id": group}]})
    client = flywheel.Client(standin.api_key())
    client.add_group({"_id": f"{group}-made", "label": "Made"})
    assert sorted(g.id for g in client.get_all_groups()) == [group, f"{group}-made"]
    SEEN_PORTS.append(standin.port)
    assert len(set(SEEN_PORTS)) == 1  # the second test ran on the first one's server
