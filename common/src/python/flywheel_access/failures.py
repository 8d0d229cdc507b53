"""Classify what a failed SDK call raised: readable reason, retryable or not."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import httpx2
from flywheel.rest import ApiException

from message_quotes import cut_text

# flywheel-sdk 23 (flywheel/api_client.py, `ApiClient.deserialize`) raises RuntimeError with
# this text (from the real error) when an answer does not fit the type the call expects: `{}`
# where a list is due, an HTML page from a proxy, an empty body.
SDK_UNREADABLE_ANSWER = "Unexpected error during the deserialization of "
# Statuses worth retrying: throttling and server-side trouble.
RETRYABLE_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
CONFLICT = 409
REDACTED = "***"


@dataclass(frozen=True)
class Failure:
    """A failed request: HTTP status (None when no response came), reason, retryable."""

    status: int | None
    reason: str
    retryable: bool


def redact(text: str, secrets: Iterable[str]) -> str:
    """`text` with every non-empty secret replaced by `***`."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, REDACTED)
    return text


def unexpected_answer(error: BaseException) -> str | None:
    """One line saying Flywheel's answer could not be read, when `error` is the SDK's refusal
    of an answer (see SDK_UNREADABLE_ANSWER); else None."""
    text = str(error)
    if not isinstance(error, RuntimeError) or not text.startswith(SDK_UNREADABLE_ANSWER):
        return None
    expected = cut_text(text[len(SDK_UNREADABLE_ANSWER) :], 80)
    return (
        f"Flywheel's answer is not the {expected} the call expects (an HTML page, an empty body"
        " or another shape): is the site in the API key a Flywheel API, and reachable directly?"
    )


def classify(error: BaseException, secrets: Iterable[str] = ()) -> Failure | None:
    """The Failure an SDK call raised, or None when `error` is not a Flywheel/HTTP failure."""
    unreadable = unexpected_answer(error)
    if unreadable is not None:
        return Failure(None, unreadable, False)
    if isinstance(error, ApiException):
        status = int(error.status) if error.status is not None else None
        message = cut_text(str(error.reason or "no message"))
        if error.detail:
            message = f"{message} ({cut_text(str(error.detail))})"
        retryable = status in RETRYABLE_STATUSES or (status is not None and status >= 500)
        return Failure(status, redact(f"HTTP {status}: {message}", secrets), retryable)
    if isinstance(error, httpx2.TransportError):
        kind = "timed out" if isinstance(error, httpx2.TimeoutException) else "connection failed"
        detail = str(error) or type(error).__name__
        return Failure(None, redact(f"{kind}: {detail}", secrets), True)
    return None


def client_secrets(client: Any) -> tuple[str, ...]:
    """The API key a flywheel client authenticates with, to keep it out of messages."""
    try:
        keys = client.api_client.configuration.api_key
    except AttributeError:
        return ()
    if not isinstance(keys, dict):
        return ()
    return tuple(str(value) for value in keys.values() if value)
