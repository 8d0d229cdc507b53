"""Race hooks: hold chosen requests so a test can force one interleaving of concurrent clients.

A hook waits in the request's own handler thread, outside the store's lock, so other clients
are served meanwhile. It selects requests like a Fault (methods, a path regex, `nth`) and,
optionally, by the API key they carry (`key`), which is how a test tells concurrent runs apart
(each run has its own key). `when="before"` holds a request before it is applied;
`when="after"` applies it, then holds its answer (the client is still waiting for it, so a test
can, for instance, kill the client right after its write took effect).

- `Gate`: every selected request waits until the test calls `open()`. `wait_arrived(n)`
  blocks the test until `n` requests are held.
- `Barrier`: the first `parties` selected requests wait until all of them have arrived, then
  go on together; later ones pass. A barrier that is never filled releases after `timeout`
  seconds (and says so in `broken`), so a wrong test fails instead of hanging.
- `Hold` (holds.py) is a Gate on one request with a callback when it starts waiting.
Every wait has a timeout; none sleeps. Stopping the stand-in releases every hook.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from flywheel_standin.faults import method_set

When = Literal["before", "after"]
DEFAULT_TIMEOUT = 30.0


@dataclass
class Selector:
    """Which requests a hook holds: methods ("POST", "GET|POST", "*"), a full-match path
    regex (raw or decoded path), optionally the API key sent, and optionally only the `nth`
    (1-based) of the requests that match all of those."""

    method: str | Iterable[str]
    path: str
    key: str | None = None
    nth: int | None = None
    matched: int = field(default=0, init=False)

    def __post_init__(self) -> None:
        if self.nth is not None and self.nth < 1:
            raise ValueError("hook: nth counts from 1")
        self._methods = method_set(self.method)
        self._pattern = re.compile(self.path)

    def selects(self, method: str, raw_path: str, decoded_path: str, key: str) -> bool:
        """Count this request if it matches; whether the hook holds it."""
        if self._methods is not None and method.upper() not in self._methods:
            return False
        if not (self._pattern.fullmatch(raw_path) or self._pattern.fullmatch(decoded_path)):
            return False
        if self.key is not None and key != self.key:
            return False
        self.matched += 1
        return self.nth is None or self.matched == self.nth


class Hook:
    """Base of Gate and Barrier: selection, `when`, and the count of requests it held."""

    def __init__(self, selector: Selector, when: When, timeout: float) -> None:
        if when not in ("before", "after"):
            raise ValueError(f"hook: when must be 'before' or 'after', not {when!r}")
        self.selector = selector
        self.when = when
        self.timeout = timeout
        self._cond = threading.Condition()
        self.arrived = 0

    def selects(self, method: str, raw_path: str, decoded_path: str, key: str) -> bool:
        """Whether this request is held (counts it; call under the hooks' lock)."""
        return self.selector.selects(method, raw_path, decoded_path, key)

    def hold(self, method: str, raw_path: str) -> None:
        """Wait as the hook says (called in the request's thread, outside the store lock)."""
        raise NotImplementedError

    def release(self) -> None:
        """Let every request this hook holds, or would hold, go on."""
        raise NotImplementedError

    def wait_arrived(self, count: int = 1, timeout: float | None = None) -> None:
        """Block until `count` requests have reached this hook; TimeoutError otherwise."""
        with self._cond:
            if not self._cond.wait_for(lambda: self.arrived >= count, timeout or self.timeout):
                raise TimeoutError(f"{self!r}: {self.arrived} of {count} requests arrived")


class Gate(Hook):
    """Hold every selected request until `open()` (or `timeout` seconds)."""

    def __init__(
        self,
        method: str | Iterable[str],
        path: str,
        *,
        key: str | None = None,
        nth: int | None = None,
        when: When = "before",
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        super().__init__(Selector(method, path, key, nth), when, timeout)
        self._open = False

    def open(self) -> None:
        """Let every held request, and every later one, go on."""
        with self._cond:
            self._open = True
            self._cond.notify_all()

    release = open

    def hold(self, method: str, raw_path: str) -> None:
        with self._cond:
            self.arrived += 1
            self._cond.notify_all()
            self._cond.wait_for(lambda: self._open, self.timeout)

    def __repr__(self) -> str:
        s = self.selector
        return f"Gate({s.method!r}, {s.path!r}, key={s.key!r}, nth={s.nth}, when={self.when!r})"


class Barrier(Hook):
    """Hold the first `parties` selected requests until all of them have arrived."""

    def __init__(
        self,
        method: str | Iterable[str],
        path: str,
        parties: int,
        *,
        key: str | None = None,
        when: When = "before",
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        if parties < 1:
            raise ValueError("hook: a barrier needs at least one party")
        super().__init__(Selector(method, path, key), when, timeout)
        self.parties = parties
        self.broken = False

    def selects(self, method: str, raw_path: str, decoded_path: str, key: str) -> bool:
        return super().selects(method, raw_path, decoded_path, key) and (
            self.selector.matched <= self.parties
        )

    def hold(self, method: str, raw_path: str) -> None:
        with self._cond:
            self.arrived += 1
            self._cond.notify_all()
            if not self._cond.wait_for(lambda: self.arrived >= self.parties, self.timeout):
                self.broken = True

    def release(self) -> None:
        with self._cond:
            self.arrived = max(self.arrived, self.parties)
            self._cond.notify_all()

    def __repr__(self) -> str:
        s = self.selector
        return f"Barrier({s.method!r}, {s.path!r}, {self.parties}, key={s.key!r})"


class Hooks:
    """The hooks of one stand-in; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._hooks: list[Hook] = []

    def add(self, hook: Hook) -> Hook:
        """Install a hook; returns it."""
        with self._lock:
            self._hooks.append(hook)
        return hook

    def clear(self) -> None:
        """Remove every hook, releasing what it holds."""
        for hook in self.take_all():
            hook.release()

    def take_all(self) -> list[Hook]:
        """Remove every hook and return them, not yet released (the caller releases them)."""
        with self._lock:
            hooks, self._hooks = self._hooks, []
        return hooks

    def release_all(self) -> None:
        """Release every hook (they stay installed, and let later requests pass)."""
        with self._lock:
            hooks = list(self._hooks)
        for hook in hooks:
            hook.release()

    def selected(self, method: str, raw_path: str, decoded_path: str, key: str) -> list[Hook]:
        """The hooks that hold this request (each counts it)."""
        with self._lock:
            return [h for h in self._hooks if h.selects(method, raw_path, decoded_path, key)]


def hold(hooks: list[Hook], when: When, method: str, raw_path: str) -> None:
    """Wait on each of `hooks` whose `when` is `when`, in order."""
    for hook in hooks:
        if hook.when == when:
            hook.hold(method, raw_path)
