"""Classify what a failed SDK call raised: readable reason, retryable or not."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import httpx2
from flywheel.rest import ApiException

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


def classify(error: BaseException, secrets: Iterable[str] = ()) -> Failure | None:
    """The Failure an SDK call raised, or None when `error` is not a Flywheel/HTTP failure."""
    if isinstance(error, ApiException):
        status = int(error.status) if error.status is not None else None
        message = error.reason or "no message"
        if error.detail:
            message = f"{message} ({error.detail})"
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
