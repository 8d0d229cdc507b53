"""Keep flywheel-sdk's own retries to reads, so a write has exactly one retry layer (ours).

flywheel-sdk 23 wraps its httpx2 transports in `flywheel.rest.RetryTransport`, which re-sends
PUT, PATCH and DELETE on 429/502/503/504 and dropped connections, before anyone can re-read
whether the first attempt took effect. `Writer` retries a failed write only after such a
re-read, so the SDK layer is limited here to the read methods.
"""

from __future__ import annotations

import logging
from typing import Any

from flywheel import rest as sdk_rest

log = logging.getLogger(__name__)

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def restrict_sdk_retries_to_reads(client: Any) -> int:
    """Make every RetryTransport of `client` retry only GET, HEAD and OPTIONS.

    Returns how many transports were restricted. When the SDK's structure is not what
    flywheel-sdk 23 has (another version, or not an SDK client), logs a warning and changes
    nothing; it never raises.
    """
    transports = _retry_transports(client)
    if transports is None:
        log.warning(
            "cannot limit flywheel-sdk's retries to reads (unknown SDK structure):"
            " a failed write may be retried twice, by the SDK and by flywheel_access"
        )
        return 0
    for transport in transports:
        transport.allowed_methods = set(READ_METHODS)
    log.debug("flywheel-sdk retries limited to %s on %d transports", READ_METHODS, len(transports))
    return len(transports)


def _retry_transports(client: Any) -> list[Any] | None:
    """The client's RetryTransports (main one first), or None when the structure is unknown."""
    retry_transport = getattr(sdk_rest, "RetryTransport", None)
    if not isinstance(retry_transport, type):
        return None
    try:
        http_client = client.api_client.rest_client.client
        main = http_client._transport
        mounts = dict(http_client._mounts)
    except (AttributeError, TypeError, ValueError):
        return None
    if not isinstance(main, retry_transport):
        return None
    transports = [main, *(t for t in mounts.values() if isinstance(t, retry_transport))]
    if not all(hasattr(transport, "allowed_methods") for transport in transports):
        return None
    return transports
