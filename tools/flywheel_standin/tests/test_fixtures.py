"""The stand-in fixtures: SDK retries are off, so a dead server fails at once."""

from __future__ import annotations

import os

import flywheel
import flywheel.rest
import httpx2
import pytest

from flywheel_standin import Fault, StandIn


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
