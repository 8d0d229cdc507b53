"""Install the stop handlers: SIGTERM, SIGHUP and SIGINT set the stop flag instead of killing."""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
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


Handler = Callable[[int, "FrameType | None"], Any]


@contextmanager
def handling(signals: Iterable[int], handler: Handler) -> Iterator[bool]:
    """`handler` for each of `signals` while inside; the previous handlers come back on exit.

    Outside the main thread, where Python allows no handlers, nothing is installed: the block
    runs, and the value given is False. `stop_handlers`, `./dev run`'s signal forwarding and
    `gear_upload`'s login clean-up all install theirs through here.
    """
    if threading.current_thread() is not threading.main_thread():
        yield False
        return
    previous = {signum: signal.signal(signum, handler) for signum in signals}
    try:
        yield True
    finally:
        for signum, earlier in previous.items():
            signal.signal(signum, earlier)


def _stop_handler(flag: StopFlag) -> Handler:
    def on_signal(signum: int, frame: FrameType | None) -> None:
        first = flag.signal_name is None
        flag.request(signal_name(signum))
        if first:  # Python runs this in the main thread, between bytecodes: logging is safe
            log.warning(
                "%s received: stopping; the write in flight (if any) finishes, no new one starts",
                flag.signal_name,
            )

    return on_signal


def install_stop_handlers(flag: StopFlag = STOP) -> dict[signal.Signals, Any]:
    """Make each of STOP_SIGNALS set `flag` (and nothing else), for good; the handlers it
    replaced. Outside the main thread, where Python allows no handlers, nothing is installed.
    """
    if threading.current_thread() is not threading.main_thread():
        return {}
    on_signal = _stop_handler(flag)
    return {signum: signal.signal(signum, on_signal) for signum in STOP_SIGNALS}


@contextmanager
def stop_handlers(flag: StopFlag = STOP) -> Iterator[StopFlag]:
    """The stop handlers while inside (see `install_stop_handlers`); the previous ones after."""
    with handling(STOP_SIGNALS, _stop_handler(flag)):
        yield flag
