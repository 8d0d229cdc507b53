"""`quoted`: a bounded repr of any value; `cut_text`: free text cut to a bounded length."""

from __future__ import annotations

import reprlib

QUOTE_LIMIT = 60  # characters of a quoted value (before the length note)
TEXT_LIMIT = 300  # characters of a free-text message part (a parser's own words)
ELLIPSIS = "..."


def _bounded_repr(limit: int) -> reprlib.Repr:
    shown = reprlib.Repr()
    shown.maxlevel = 3
    shown.maxstring = limit
    shown.maxother = limit
    shown.maxlong = limit
    for name in ("maxlist", "maxtuple", "maxset", "maxfrozenset", "maxdict", "maxdeque"):
        setattr(shown, name, 4)
    return shown


def _size_note(value: object) -> str:
    if isinstance(value, str):
        return f" ({len(value)} characters)"
    if isinstance(value, bytes):
        return f" ({len(value)} bytes)"
    if isinstance(value, (list, tuple, dict, set, frozenset)):
        return f" ({len(value)} items)"
    return ""


def quoted(value: object, limit: int = QUOTE_LIMIT) -> str:
    """`repr(value)`, cut to about `limit` characters; a cut value gets its full length noted.

    The work is bounded too: strings are sliced before they are shown and containers show only
    their first items, a few levels deep (`reprlib`), so a huge value costs no more than a short
    one.
    """
    text = _bounded_repr(limit).repr(value)
    if len(text) <= limit and ELLIPSIS not in text:
        return text
    if len(text) > limit:
        text = text[: limit - len(ELLIPSIS)] + ELLIPSIS
    return text + _size_note(value)


def cut_text(text: str, limit: int = TEXT_LIMIT) -> str:
    """Free text (a parser's message, a server's reason) on one line, at most `limit` characters."""
    one_line = " ".join(text.split())
    if len(one_line) <= limit:
        return one_line
    return one_line[: limit - len(ELLIPSIS)] + ELLIPSIS + f" ({len(one_line)} characters)"
