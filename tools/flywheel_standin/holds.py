"""Hold hooks: keep a chosen request waiting, before it takes effect, until it is released.

A test (or `./dev standin --hold-write N`) uses a hold to have a client mid-request at a known
point, e.g. to stop a gear while exactly one write is in flight, with no sleeping: wait for
`held`, do what must happen during the request, then `release()`; the request is then applied
and answered as usual. The held request waits outside the stand-in's lock, so other requests
are served meanwhile.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from flywheel_standin.faults import method_set

WRITE_METHODS_PATTERN = "POST|PUT|PATCH|DELETE"
NOT_A_READ_ONLY_POST = r"(?!/api/(lookup|resolve)$).*"  # lookup and resolve POSTs only read
RELEASE_TIMEOUT = 600.0  # seconds: a hold nobody releases lets its request go after this


@dataclass
class Hold:
    """Hold the `nth` request (1-based, counted over matching requests) whose method is one
    `method` names (as for Fault: "POST", "POST|PUT", "*") and whose raw path fully matches
    `path`, until `release()`. `on_hold` is called (in the server's thread) when it starts."""

    method: str | Iterable[str]
    path: str
    nth: int = 1
    on_hold: Callable[[str, str], None] | None = None
    held: threading.Event = field(default_factory=threading.Event, init=False)
    matched: int = field(default=0, init=False)
    _released: threading.Event = field(default_factory=threading.Event, init=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False)

    def __post_init__(self) -> None:
        if self.nth < 1:
            raise ValueError("Hold: nth counts from 1")
        self._methods = method_set(self.method)
        self._pattern = re.compile(self.path)

    @classmethod
    def write(cls, nth: int, on_hold: Callable[[str, str], None] | None = None) -> Hold:
        """A hold on the `nth` write (POST, PUT, PATCH, DELETE; lookup and resolve excluded)."""
        return cls(WRITE_METHODS_PATTERN, NOT_A_READ_ONLY_POST, nth=nth, on_hold=on_hold)

    def _counts(self, method: str, raw_path: str) -> bool:
        """Count the request if it matches; whether it is the one to hold."""
        if self._methods is not None and method.upper() not in self._methods:
            return False
        if not self._pattern.fullmatch(raw_path):
            return False
        with self._lock:
            self.matched += 1
            return self.matched == self.nth

    def wait_if_chosen(self, method: str, raw_path: str) -> None:
        """Called for every request: hold it here if it is the chosen one."""
        if not self._counts(method, raw_path):
            return
        self.held.set()
        if self.on_hold is not None:
            self.on_hold(method, raw_path)
        self._released.wait(RELEASE_TIMEOUT)

    def wait_held(self, timeout: float | None = None) -> bool:
        """Wait until the chosen request is being held; whether it is."""
        return self.held.wait(timeout)

    def release(self) -> None:
        """Let the held request (or, if it has not come yet, the chosen one) go on."""
        self._released.set()
