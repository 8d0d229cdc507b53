"""Fault injection: make chosen requests fail before or after their write takes effect."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

ANY_METHOD = "*"


def method_set(method: str | Iterable[str]) -> frozenset[str] | None:
    """The upper-case methods `method` names ("GET", "POST|PUT" or a set), None for "*"."""
    names = method.split("|") if isinstance(method, str) else list(method)
    methods = frozenset(name.strip().upper() for name in names)
    if ANY_METHOD in methods:
        if len(methods) > 1:
            raise ValueError(f"Fault: method '*' cannot be combined with others: {method!r}")
        return None
    if not methods or "" in methods:
        raise ValueError(f"Fault: method needs at least one name, not {method!r}")
    return methods


@dataclass
class Fault:
    """Fail requests whose method is one `method` names and whose path fully matches `path`.

    `method` is one method ("POST"), several joined by "|" ("POST|PUT|PATCH|DELETE") or given
    as a set or other iterable of names, or "*" for any method (reads included); case is
    ignored. Counting with several methods is over all of them together: with
    `method="POST|PUT|PATCH|DELETE", every=3` every third write fails, whatever its method.
    The path regex is tried on the raw (percent-encoded) path and on the decoded one. Counting is
    per fault, over matching requests only: `nth=N` fails only the Nth one (1-based), `every=k`
    fails the k-th, 2k-th, ...; with neither, every matching request fails.
    `when="before"`: answer `status` without applying the request.
    `when="after"`: apply the request, then answer `status` (503 by default) instead of its result.
    `drop=True`: close the connection without any response instead of answering `status`.
    `body`: answer `status` with exactly this text (and `content_type`) instead of the usual
    error JSON, e.g. `Fault("GET", "/api/groups", status=200, body="{}")` for a wrong shape,
    `body="<html>...</html>", content_type="text/html"` for a proxy's page, `body=""` for an
    empty answer.
    """

    method: str | Iterable[str]
    path: str
    nth: int | None = None
    every: int | None = None
    status: int = 503
    when: Literal["before", "after"] = "before"
    drop: bool = False
    body: str | None = None
    content_type: str = "application/json"
    matched: int = field(default=0, init=False)

    def __post_init__(self) -> None:
        if self.nth is not None and self.every is not None:
            raise ValueError("Fault: give nth or every, not both")
        if (self.nth is not None and self.nth < 1) or (self.every is not None and self.every < 1):
            raise ValueError("Fault: nth and every count from 1")
        if self.when not in ("before", "after"):
            raise ValueError(f"Fault: when must be 'before' or 'after', not {self.when!r}")
        self._methods = method_set(self.method)
        self._pattern = re.compile(self.path)

    def matches(self, method: str, raw_path: str, decoded_path: str) -> bool:
        """Whether this request is one the fault counts."""
        if self._methods is not None and method.upper() not in self._methods:
            return False
        return bool(self._pattern.fullmatch(raw_path) or self._pattern.fullmatch(decoded_path))

    def fires(self, method: str, raw_path: str, decoded_path: str) -> bool:
        """Count this request if it matches; return whether the fault fires on it."""
        if not self.matches(method, raw_path, decoded_path):
            return False
        self.matched += 1
        if self.nth is not None:
            return self.matched == self.nth
        if self.every is not None:
            return self.matched % self.every == 0
        return True


def first_firing(
    faults: list[Fault], method: str, raw_path: str, decoded_path: str
) -> Fault | None:
    """Count the request against every fault; return the first one that fires."""
    fired = [f for f in faults if f.fires(method, raw_path, decoded_path)]
    return fired[0] if fired else None
