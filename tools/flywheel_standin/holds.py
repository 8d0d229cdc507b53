"""Hold hooks: keep a chosen request waiting, before it takes effect, until it is released.

A test (or `./dev standin --hold-write N`) uses a hold to have a client mid-request at a known
point, e.g. to stop a gear while exactly one write is in flight, with no sleeping: wait for
`held`, do what must happen during the request, then `release()`; the request is then applied
and answered as usual. A Hold is a Gate (hooks.py) on one request: it waits outside the
stand-in's lock, so other requests are served meanwhile.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable

from flywheel_standin.hooks import Gate

WRITE_METHODS_PATTERN = "POST|PUT|PATCH|DELETE"
NOT_A_READ_ONLY_POST = r"(?!/api/(lookup|resolve)$).*"  # lookup and resolve POSTs only read
RELEASE_TIMEOUT = 600.0  # seconds: a hold nobody releases lets its request go after this


class Hold(Gate):
    """Hold the `nth` request (1-based, counted over matching requests) whose method is one
    `method` names (as for Fault: "POST", "POST|PUT", "*") and whose raw path fully matches
    `path`, until `release()`. `on_hold` is called (in the server's thread) when it starts."""

    def __init__(
        self,
        method: str | Iterable[str],
        path: str,
        nth: int = 1,
        on_hold: Callable[[str, str], None] | None = None,
    ) -> None:
        if nth < 1:
            raise ValueError("Hold: nth counts from 1")
        super().__init__(method, path, nth=nth, timeout=RELEASE_TIMEOUT)
        self.on_hold = on_hold
        self.held = threading.Event()

    @classmethod
    def write(cls, nth: int, on_hold: Callable[[str, str], None] | None = None) -> Hold:
        """A hold on the `nth` write (POST, PUT, PATCH, DELETE; lookup and resolve excluded)."""
        return cls(WRITE_METHODS_PATTERN, NOT_A_READ_ONLY_POST, nth=nth, on_hold=on_hold)

    @property
    def matched(self) -> int:
        """How many matching requests came so far."""
        return self.selector.matched

    def hold(self, method: str, raw_path: str) -> None:
        self.held.set()
        if self.on_hold is not None:
            self.on_hold(method, raw_path)
        super().hold(method, raw_path)

    def wait_held(self, timeout: float | None = None) -> bool:
        """Wait until the chosen request is being held; whether it is."""
        return self.held.wait(timeout)
