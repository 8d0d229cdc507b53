"""How failed SDK calls are classified, and that the API key never reaches a reason."""

from __future__ import annotations

import dataclasses

import flywheel
import httpx2
import pytest
from flywheel.rest import ApiException

from flywheel_access.failures import classify, client_secrets, redact
from flywheel_access.retry import RetryPolicy


@pytest.mark.parametrize(
    ("status", "retryable"),
    [
        *[(status, True) for status in (429, 500, 502, 503, 504, 507)],
        *[(status, False) for status in (400, 401, 403, 404, 409, 422)],
    ],
)
def test_http_status_decides_whether_a_failure_is_retryable(status: int, retryable: bool) -> None:
    failure = classify(ApiException(status=status, reason="server says no"))
    assert failure is not None
    assert failure.status == status
    assert failure.retryable is retryable
    assert failure.reason == f"HTTP {status}: server says no"


def test_reason_carries_the_servers_detail() -> None:
    error = ApiException(status=400, reason="bad body")
    error.detail = "label is required"
    failure = classify(error)
    assert failure is not None
    assert failure.reason == "HTTP 400: bad body (label is required)"


@pytest.mark.parametrize(
    ("error", "prefix"),
    [
        (httpx2.RemoteProtocolError("Server disconnected without sending a response."), "conn"),
        (httpx2.ConnectError("[Errno 111] Connection refused"), "connection failed"),
        (httpx2.ReadTimeout("timed out"), "timed out"),
    ],
)
def test_transport_errors_are_retryable_without_status(error: Exception, prefix: str) -> None:
    failure = classify(error)
    assert failure is not None
    assert failure.status is None
    assert failure.retryable
    assert failure.reason.startswith(prefix)
    assert str(error) in failure.reason


def test_errors_that_are_not_flywheel_failures_are_not_classified() -> None:
    assert classify(ValueError("our bug")) is None
    assert classify(KeyError("payload")) is None


def test_the_api_key_is_redacted_from_reasons() -> None:
    failure = classify(
        ApiException(status=401, reason="key host:sekrit-123 is not valid"), ["sekrit-123"]
    )
    assert failure is not None
    assert "sekrit-123" not in failure.reason
    assert "***" in failure.reason
    assert redact("a b a", ["a", ""]) == "*** b ***"


def test_client_secrets_finds_the_key_of_a_real_client() -> None:
    client = flywheel.Client("127.0.0.1:9:__force_insecure:sekrit-456", disable_auth_check=True)
    assert client_secrets(client) == ("sekrit-456",)
    assert client_secrets(object()) == ()


def test_retry_policy_backs_off_exponentially_up_to_a_cap() -> None:
    policy = RetryPolicy(attempts=6, base_delay=1.0, max_delay=5.0)
    assert [policy.delay(n) for n in range(1, 6)] == [1.0, 2.0, 4.0, 5.0, 5.0]
    with pytest.raises(ValueError, match="attempts"):
        RetryPolicy(attempts=0)


def test_retry_policy_defaults_one_attempt_and_no_changes() -> None:
    policy = RetryPolicy()
    assert (policy.attempts, policy.base_delay, policy.max_delay) == (4, 2.0, 30.0)
    assert RetryPolicy(attempts=1).attempts == 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        policy.attempts = 9  # type: ignore[misc]
