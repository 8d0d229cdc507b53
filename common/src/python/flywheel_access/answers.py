"""Whether an answer flywheel-sdk returned has the shape a read expects.

The SDK refuses most odd answers itself (see `failures.unexpected_answer`), but lets some
through: `null` becomes None, and `{}` read as one item is an item whose every field is None.
The reader checks each answer here, once, so such an answer is one ReadFailed line rather
than a group called "None".
"""

from __future__ import annotations

from typing import Any

from flywheel_access.views import sdk_value

LIST = "list"  # a list of items, or a page `{count, total, results: [...]}`
OBJECT = "object"  # one item


def _kind(answer: Any) -> str:
    if answer is None:
        return "nothing"
    if isinstance(answer, (str, bytes)):
        return "text"
    if isinstance(answer, list):
        return "a list"
    return "an object"


def _has_id(item: Any) -> bool:
    value = sdk_value(item, "id")
    return isinstance(value, str) and bool(value)


def answer_shape_problem(answer: Any, expect: str) -> str | None:
    """What is wrong with `answer` for a read expecting `expect` (LIST or OBJECT), or None."""
    if expect == OBJECT:
        if isinstance(answer, (list, str, bytes)) or answer is None or not _has_id(answer):
            return f"is not an item with an id (got {_kind(answer)})"
        return None
    items = answer if isinstance(answer, list) else None
    if items is None and answer is not None and not isinstance(answer, (str, bytes)):
        results = sdk_value(answer, "results")
        items = results if isinstance(results, list) else None
    if items is None:
        return f"is not a list (got {_kind(answer)})"
    if not all(_has_id(item) for item in items):
        return "lists an item without an id"
    return None
