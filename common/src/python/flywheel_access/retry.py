"""How often and how patiently a failed write is retried."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from gear_stop import STOP


@dataclass(frozen=True)
class RetryPolicy:
    """Up to `attempts` tries of a write, sleeping `base_delay * 2**n` (capped) in between.

    `sleep` is injectable so tests do not wait; the default returns early after a stop signal
    (`gear_stop`), so a stopped run does not sit out a backoff before it ends.
    """

    attempts: int = 4
    base_delay: float = 2.0
    max_delay: float = 30.0
    sleep: Callable[[float], None] = STOP.sleep

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError("RetryPolicy.attempts must be at least 1")

    def delay(self, failed_attempts: int) -> float:
        """Seconds to wait after the `failed_attempts`-th failed try (1-based)."""
        return float(min(self.base_delay * 2 ** (failed_attempts - 1), self.max_delay))
