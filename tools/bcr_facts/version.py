"""Bazel module versions: parsing, ordering and `bazel_compatibility` the way Bazel does them.

Bazel's rules (src/main/java/com/google/devtools/build/lib/bazel/bzlmod/Version.java):
`RELEASE[-PRERELEASE][+BUILD]`; identifiers split on `.`; digit-only identifiers compare as
numbers and sort before alphanumeric ones; a version with a prerelease sorts before the same
release without one; build metadata is ignored; the empty version sorts above every other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import total_ordering

_VERSION = re.compile(r"^([a-zA-Z0-9.]+)(?:-([a-zA-Z0-9.-]+))?(?:\+[a-zA-Z0-9.-]+)?$")
_COMPAT = re.compile(r"^(>=|<=|>|<|-)(\d+\.\d+\.\d+)$")


class VersionError(ValueError):
    """A version or `bazel_compatibility` entry Bazel would not accept."""


Identifier = tuple[int, int, str]  # (0, number, "") for digits, (1, 0, text) otherwise


def _identifiers(text: str) -> tuple[Identifier, ...]:
    parts = text.split(".")
    if any(not p for p in parts):
        raise VersionError(f"bad version identifier list {text!r}")
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts)


@total_ordering
@dataclass(frozen=True)
class Version:
    """A parsed module version; `Version.parse("")` is the empty version (highest)."""

    text: str
    release: tuple[Identifier, ...]
    prerelease: tuple[Identifier, ...]

    @staticmethod
    def parse(text: str) -> Version:
        """Parse `text`; raise VersionError when Bazel would reject it."""
        if text == "":
            return Version("", (), ())
        match = _VERSION.match(text)
        if not match:
            raise VersionError(f"bad version {text!r}")
        return Version(text, _identifiers(match[1]), _identifiers(match[2]) if match[2] else ())

    def _key(self) -> tuple[int, tuple[Identifier, ...], int, tuple[Identifier, ...]]:
        empty = 1 if self.text == "" else 0
        return (empty, self.release, 0 if self.prerelease else 1, self.prerelease)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Version):
            return NotImplemented
        return self._key() < other._key()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Version):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __str__(self) -> str:
        return self.text


def newest(versions: list[str]) -> str | None:
    """The highest of `versions` in Bazel's order (unparsable ones ignored), or None."""
    parsed = []
    for text in versions:
        try:
            parsed.append(Version.parse(text))
        except VersionError:
            continue
    return str(max(parsed)) if parsed else None


def bazel_allows(constraints: list[str], bazel_version: str) -> bool:
    """Whether every `bazel_compatibility` entry (`>=7.0.0`, `<9.0.0`, `-8.1.0`) admits it."""
    current = Version.parse(bazel_version)
    for entry in constraints:
        match = _COMPAT.match(entry.strip())
        if not match:
            raise VersionError(f"bad bazel_compatibility entry {entry!r}")
        op, bound = match[1], Version.parse(match[2])
        ok = {
            ">=": current >= bound,
            "<=": current <= bound,
            ">": current > bound,
            "<": current < bound,
            "-": current != bound,
        }[op]
        if not ok:
            return False
    return True
