"""Loopback ports for tests of unreachable services, with no free-port race."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest


@pytest.fixture
def closed_port() -> Iterator[int]:
    """A loopback port that refuses every connection for the whole test.

    The port stays bound (so no other process can take it) but never listens, so a connection
    to it is refused at once; it is released only when the test ends.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        yield int(sock.getsockname()[1])
