"""`./dev run` forwards SIGTERM, SIGHUP and SIGINT to the gear instead of dying of them.

The gear runs in its own session, so a terminal's Ctrl-C or hang-up reaches it only through
`./dev run`, once. While the run lasts, each of these signals is sent on to the gear (its
runtime stops writing, writes its report and exits 1); `./dev run` waits for it, removes
config.json, and exits 128+N for the first signal N. A signal that comes before the gear has
started means it is not started at all.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

from gear_stop import handling

FORWARDED_SIGNALS: tuple[signal.Signals, ...] = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)
SIGNAL_EXIT_BASE = 128  # a shell's exit status for a process ended by signal N is 128+N


class SignalForwarder:
    """Remembers the first signal; sends every signal to the gear once it has started."""

    def __init__(self) -> None:
        self.first: signal.Signals | None = None
        self._child: subprocess.Popen[Any] | None = None
        self._pending: list[signal.Signals] = []

    def on_signal(self, signum: int, frame: FrameType | None) -> None:
        """The handler: remember, then forward (or keep for when the gear starts)."""
        received = signal.Signals(signum)
        if self.first is None:
            self.first = received
        if self._child is None:
            self._pending.append(received)
        else:
            self._send(received)

    def attach(self, child: subprocess.Popen[Any]) -> None:
        """The gear has started: signals go to it from now on, those before it too."""
        self._child = child
        pending, self._pending = self._pending, []
        for received in pending:
            self._send(received)

    def _send(self, received: signal.Signals) -> None:
        child = self._child
        if child is not None and child.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child.pid, received)

    def describe(self) -> str:
        """`stopped by SIGTERM` (for the first signal)."""
        return f"stopped by {self.first.name}" if self.first is not None else "not stopped"

    @property
    def exit_code(self) -> int | None:
        """128+N for the first signal N, None when none came."""
        return None if self.first is None else SIGNAL_EXIT_BASE + int(self.first)


@contextmanager
def forwarded_signals() -> Iterator[SignalForwarder]:
    """While inside, FORWARDED_SIGNALS go to a SignalForwarder; the old handlers come back.

    Outside the main thread (where Python allows no handlers) nothing is installed.
    """
    forwarder = SignalForwarder()
    with handling(FORWARDED_SIGNALS, forwarder.on_signal):
        yield forwarder
