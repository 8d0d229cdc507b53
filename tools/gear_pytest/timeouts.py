"""A time limit on every test (pytest-timeout): a hang fails with its stack, not a stalled CI."""

from __future__ import annotations

import pytest

# Seconds per test (setup and teardown included). The slowest end-to-end test takes a few
# seconds; a test that needs more says so with @pytest.mark.timeout(N).
TEST_TIMEOUT = 60.0


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    """Give pytest-timeout its default limit unless --timeout was set on the command line."""
    if not hasattr(config.option, "timeout"):
        raise pytest.UsageError(
            "pytest-timeout is not installed: every test runs with a time limit"
        )
    if config.option.timeout is None:
        config.option.timeout = TEST_TIMEOUT
