"""Install the stop handlers: SIGTERM, SIGHUP and SIGINT set the stop flag instead of killing."""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

from gear_stop.flag import STOP, StopFlag

log = logging.getLogger("gear_stop")

# Flywheel stops a job's container with SIGTERM; a closed terminal sends SIGHUP; Ctrl-C SIGINT.
STOP_SIGNALS: tuple[signal.Signals, ...] = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)


def signal_name(signum: int) -> str:
    """`15` -> "SIGTERM"."""
    try:
        return signal.Signals(signum).name
    except ValueError:
        return f"signal {signum}"


def install_stop_handlers(flag: StopFlag = STOP) -> dict[signal.Signals, Any]:
    """Make each of STOP_SIGNALS set `flag` (and nothing else); the handlers it replaced.

    Outside the main thread, where Python allows no handlers, nothing is installed.
    """
    if threading.current_thread() is not threading.main_thread():
        return {}

    def on_signal(signum: int, frame: FrameType | None) -> None:
        first = flag.signal_name is None
        flag.request(signal_name(signum))
        if first:  # Python runs this in the main thread, between bytecodes: logging is safe
            log.warning(
                "%s received: stopping; the write in flight (if any) finishes, no new one starts",
                flag.signal_name,
            )

    return {signum: signal.signal(signum, on_signal) for signum in STOP_SIGNALS}


@contextmanager
def stop_handlers(flag: StopFlag = STOP) -> Iterator[StopFlag]:
    """`install_stop_handlers(flag)` while inside; the previous handlers come back on exit."""
    previous = install_stop_handlers(flag)
    try:
        yield flag
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
