"""The runtime's secret registry is process-wide: every test starts and ends with it empty.

Without this, a "secret not in output" assertion could pass only because an earlier test in
the same process registered that secret.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from gear_runner.masking import SECRETS, SecretRegistry


@pytest.fixture(autouse=True)
def fresh_secrets() -> Iterator[SecretRegistry]:
    """The empty process-wide registry (cleared before and after the test)."""
    SECRETS.clear()
    yield SECRETS
    SECRETS.clear()
