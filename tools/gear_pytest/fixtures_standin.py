"""Fixtures for tests that talk to the Flywheel stand-in with the real flywheel-sdk.

The SDK retry variables (`SDK_TEST_ENV`) are set here, if unset, before flywheel is imported, so
a dead or faulty server costs no retries and no backoff; plugin.py imports this module first.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from flywheel_standin import StandIn

SDK_TEST_ENV = {
    "FLYWHEEL_SDK_TOTAL_RETRIES": "0",
    "FLYWHEEL_SDK_CONNECT_TIMEOUT": "2",
    "FLYWHEEL_SDK_REQUEST_TIMEOUT": "10",
    "FLYWHEEL_SDK_BACKOFF_FACTOR": "0",
}
for _name, _value in SDK_TEST_ENV.items():
    os.environ.setdefault(_name, _value)

import flywheel  # noqa: E402  (after the retry variables, which it reads at import)

StandInFactory = Callable[..., StandIn]
SharedStandIn = Callable[..., StandIn]


@pytest.fixture
def standin_factory() -> Iterator[StandInFactory]:
    """`factory(seed=None)` -> a started StandIn (dict, YAML path or None); all stopped after."""
    started: list[StandIn] = []

    def factory(seed: dict[str, Any] | Path | str | None = None) -> StandIn:
        standin = StandIn(seed).start()
        started.append(standin)
        return standin

    yield factory
    for standin in started:
        standin.stop()


@pytest.fixture(scope="session")
def session_standin() -> Iterator[StandIn]:
    """One stand-in for the whole pytest session (use `shared_standin`, which resets it)."""
    standin = StandIn().start()
    yield standin
    standin.stop()


@pytest.fixture
def shared_standin(session_standin: StandIn) -> Iterator[SharedStandIn]:
    """`shared_standin(seed=None)` -> the session's stand-in, reset to `seed` (dict, YAML path or
    None): a test's own state on a server that starts once per session, not once per test.

    Reset again after the test (held requests released). A test that needs two servers at once,
    or stops one, uses `standin_factory`.
    """
    session_standin.start()  # again, in case an earlier test stopped it (nothing if serving)
    yield session_standin.reset
    session_standin.reset()


@pytest.fixture
def standin(standin_factory: StandInFactory) -> StandIn:
    """A started stand-in with the default seed (one admin user, three roles, no groups)."""
    return standin_factory()


@pytest.fixture
def fw_client(standin: StandIn) -> Any:
    """A real `flywheel.Client` connected to the `standin` fixture."""
    return flywheel.Client(standin.api_key())
