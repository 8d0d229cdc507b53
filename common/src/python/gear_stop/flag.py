"""The stop flag (the signal that asked the run to stop, if any) and StopRequested."""

from __future__ import annotations

import time

SLEEP_SLICE = 0.05  # seconds: how soon a stoppable sleep notices a stop


class StopRequested(BaseException):
    """A stop signal arrived; raised where the next write would have started.

    A BaseException, like KeyboardInterrupt, so a gear's `except Exception` does not swallow it.
    """

    def __init__(self, signal_name: str, where: str = "") -> None:
        self.signal_name = signal_name
        self.where = where
        detail = f" before {where}" if where else ""
        super().__init__(f"stopped by {signal_name}{detail}")


class StopFlag:
    """Set once, by the first stop signal; read at every write.

    Setting it is one attribute assignment, safe inside a signal handler (no lock is taken).
    """

    def __init__(self) -> None:
        self._signal_name: str | None = None

    @property
    def signal_name(self) -> str | None:
        """The name of the signal that asked to stop ("SIGTERM"), or None."""
        return self._signal_name

    def request(self, signal_name: str) -> None:
        """Ask the run to stop; the first request's signal is the one remembered."""
        if self._signal_name is None:
            self._signal_name = signal_name

    def clear(self) -> None:
        """Forget any request (at the start of a run, and between tests in one process)."""
        self._signal_name = None

    def raise_if_stopped(self, where: str = "") -> None:
        """Raise StopRequested when a stop was asked for; `where` names what will not start."""
        if self._signal_name is not None:
            raise StopRequested(self._signal_name, where)

    def sleep(self, seconds: float) -> None:
        """Sleep up to `seconds`, returning early once a stop is asked for."""
        deadline = time.monotonic() + seconds
        while self._signal_name is None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return
            time.sleep(min(SLEEP_SLICE, remaining))


STOP = StopFlag()
