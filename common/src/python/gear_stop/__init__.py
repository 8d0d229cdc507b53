"""Cancellation: a stop signal (SIGTERM, SIGHUP, SIGINT) sets one flag; no write starts after it.

Flywheel cancels a job by stopping its container (SIGTERM, SIGKILL after a grace period);
`./dev run` forwards SIGTERM, SIGHUP and SIGINT. The runtime (`gear_runner`) installs the
handlers with `stop_handlers()`; the handler only records the signal's name. The one place that
sends writes (`flywheel_access`'s writer) calls `STOP.raise_if_stopped()` before each write, so
the write in flight finishes (or fails) and no new one starts; `StopRequested` then unwinds the
gear, which writes its report with `interrupted` set, and the runtime exits 1.
See docs/common/gear_stop.md.
"""

from gear_stop.flag import STOP, StopFlag, StopRequested
from gear_stop.handlers import (
    STOP_SIGNALS,
    handling,
    install_stop_handlers,
    signal_name,
    stop_handlers,
)

__all__ = [
    "STOP",
    "STOP_SIGNALS",
    "StopFlag",
    "StopRequested",
    "handling",
    "install_stop_handlers",
    "signal_name",
    "stop_handlers",
]
