"""Find what the docs claim about the tools: `./dev ...` commands and `//bazel:labels`."""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass

_FENCE = re.compile(r"^\s*(```|~~~)")
_INLINE_CODE = re.compile(r"`([^`\n]+)`")
_PROMPT = re.compile(r"^\s*(?:\$\s+)?")
# A label of this repository (not @repo//..., not a URL): //pkg, //pkg:name, //pkg/..., //:x.
_LABEL = re.compile(r"(?<![\w:/.@<>-])//[\w.<>/-]*(?::[\w.<>+*-]+)?")
_PLACEHOLDER = re.compile(r"<[^<>]+>|^[A-Z][A-Z0-9_]*$|\.\.\.$")


def is_placeholder(word: str) -> bool:
    """`GEAR`, `<version>`, `...`: a word that stands for something."""
    return bool(_PLACEHOLDER.search(word))


@dataclass(frozen=True)
class DocCommand:
    """A `./dev` command shown in a doc: where, and its arguments after `./dev`."""

    source: str  # "docs/x.md:12"
    text: str
    argv: tuple[str, ...]
    inline: bool  # named in running text (`./dev run`), not a line of a code block

    @property
    def has_placeholder(self) -> bool:
        """True when an argument stands for something (`GEAR`, `<version>`): parse, don't run."""
        return any(is_placeholder(arg) for arg in self.argv)


@dataclass(frozen=True)
class DocLabel:
    """A `//label` named in a doc."""

    source: str
    label: str


def _code_lines(markdown: str) -> list[tuple[int, str]]:
    """(line number, text) of every fenced code line, continuation lines joined."""
    lines, inside, pending, start = [], False, "", 0
    for number, line in enumerate(markdown.splitlines(), 1):
        if _FENCE.match(line):
            inside = not inside
            continue
        if not inside:
            continue
        if not pending:
            start = number
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        lines.append((start, pending + line))
        pending = ""
    return lines


def _inline_code(markdown: str) -> list[tuple[int, str]]:
    """(line number, text) of every inline code span outside fenced blocks."""
    spans, inside = [], False
    for number, line in enumerate(markdown.splitlines(), 1):
        if _FENCE.match(line):
            inside = not inside
            continue
        if not inside:
            spans += [(number, match.group(1)) for match in _INLINE_CODE.finditer(line)]
    return spans


def _as_command(text: str) -> tuple[str, ...] | None:
    stripped = _PROMPT.sub("", text, count=1)
    if not stripped.startswith("./dev"):
        return None
    words = shlex.split(stripped, comments=True)
    if not words or words[0] != "./dev":
        return None
    return tuple(words[1:])


def _line(found: tuple[int, str, bool]) -> int:
    return found[0]


def dev_commands(markdown: str, name: str) -> list[DocCommand]:
    """Every `./dev ...` command in fenced code lines and inline code of one document."""
    lines = [(number, text, False) for number, text in _code_lines(markdown)]
    lines += [(number, text, True) for number, text in _inline_code(markdown)]
    found = []
    for number, text, inline in sorted(lines, key=_line):
        argv = _as_command(text)
        if argv is not None:
            found.append(DocCommand(f"{name}:{number}", text.strip(), argv, inline))
    return found


def labels(markdown: str, name: str) -> list[DocLabel]:
    """Every label of this repository named anywhere in one document."""
    found = []
    for number, line in enumerate(markdown.splitlines(), 1):
        for match in _LABEL.finditer(line):
            label = match.group(0)
            if label.endswith(".") and not label.endswith("..."):
                label = label.rstrip(".")
            found.append(DocLabel(f"{name}:{number}", label))
    return found
