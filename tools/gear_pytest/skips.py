"""No silent skips: a test skipped without a reason fails instead."""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

import pytest

# pytest's message for a skip: "Skipped: <reason>", or just "Skipped" when none was given.
SKIPPED_PREFIX = "Skipped"


def skip_reason(report: pytest.TestReport) -> str:
    """The reason a skipped test gave ("" when none)."""
    longrepr = report.longrepr
    message = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr or "")
    message = message.strip()
    if message.startswith(SKIPPED_PREFIX):
        message = message[len(SKIPPED_PREFIX) :].lstrip(":")
    return message.strip()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, Any, None]:
    """Turn a skip that does not say why into a failure naming the test."""
    outcome = yield
    report: pytest.TestReport = outcome.get_result()
    if report.skipped and not hasattr(report, "wasxfail") and not skip_reason(report):
        report.outcome = "failed"
        report.longrepr = f"{item.nodeid}: skipped without a reason; say why (pytest.skip(reason))"
