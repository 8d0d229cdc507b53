"""List endpoints: Flywheel's `filter`, `sort`, `after_id`, `skip`, `page` and `limit` parameters.

Like core-api, a list endpoint answers a plain JSON list unless the request carries
`X-Accept-Feature: pagination`, in which case it answers a Page `{count, total, results}`.
The SDK never sends that feature (it sends `Safe-Redirect,multipart_signed_url`) and cannot
deserialize a Page anyway (`ApiClient` raises "Page response is not supported yet"), so its
finders always get lists and loop on `after_id=<last _id>` until they get an empty one.
Without `limit` (or with `limit=0`) every matching item is returned.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from flywheel_standin.errors import bad_request

Item = dict[str, Any]
Query = Mapping[str, Sequence[str]]

_TERM = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*(!=|=~|<=|>=|=|<|>)\s*(.*?)\s*$")


def split_filter(text: str) -> list[str]:
    """Split a filter on commas that are not inside double quotes."""
    terms: list[str] = []
    current: list[str] = []
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        if char == "," and not quoted:
            terms.append("".join(current))
            current = []
        else:
            current.append(char)
    terms.append("".join(current))
    return [t for t in terms if t.strip()]


def field_value(item: Item, dotted: str) -> Any:
    """The value at a dotted path (`info.project-id`); `id` means `_id`."""
    value: Any = item
    for part in dotted.split("."):
        key = "_id" if part == "id" and isinstance(value, dict) and "_id" in value else part
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def _as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "null" if value is None else str(value)


def _compare(value: Any, op: str, wanted: str) -> bool:
    text = _as_text(value)
    if op == "=":
        return text == wanted
    if op == "!=":
        return text != wanted
    if op == "=~":
        return re.search(wanted, text) is not None
    try:
        left: Any = float(text)
        right: Any = float(wanted)
    except ValueError:
        left, right = text, wanted
    return bool(
        {"<": left < right, "<=": left <= right, ">": left > right, ">=": left >= right}[op]
    )


def term_matcher(term: str) -> Callable[[Item], bool]:
    """A predicate for one `field<op>value` term (lists match when any element does)."""
    parsed = _TERM.match(term)
    if not parsed:
        raise bad_request(f"Invalid filter term {term!r}: expected field=value")
    name, op, wanted = parsed.groups()
    wanted = wanted[1:-1] if len(wanted) >= 2 and wanted[0] == wanted[-1] == '"' else wanted

    def matcher(item: Item) -> bool:
        value = field_value(item, name)
        if isinstance(value, list):
            hits = [_compare(v, "=" if op == "!=" else op, wanted) for v in value]
            return not any(hits) if op == "!=" else any(hits)
        return _compare(value, op, wanted)

    return matcher


def _one(query: Query, name: str) -> str | None:
    values = query.get(name)
    return values[-1] if values else None


def _int_param(query: Query, name: str) -> int | None:
    text = _one(query, name)
    if text is None or text == "":
        return None
    try:
        number = int(text)
    except ValueError:
        raise bad_request(f"Query parameter {name} must be an integer, not {text!r}") from None
    if number < 0:
        raise bad_request(f"Query parameter {name} must not be negative")
    return number


def _by_field(name: str) -> Callable[[Item], str]:
    return lambda item: _as_text(field_value(item, name))


def _sorted(items: list[Item], sort: str | None) -> list[Item]:
    ordered = sorted(items, key=lambda i: str(i.get("_id", "")))
    if not sort:
        return ordered
    for spec in reversed(sort.split(",")):
        name, _, direction = spec.partition(":")
        reverse = direction.strip().lower() in ("desc", "-1")
        ordered.sort(key=_by_field(name.strip()), reverse=reverse)
    return ordered


def list_response(
    items: list[Item],
    query: Query,
    *,
    paginated: bool,
    project: Callable[[Item], Item] = lambda item: item,
) -> Any:
    """Filter, order and cut `items` as the query asks; `project` shapes each returned item."""
    filter_text = _one(query, "filter")
    if filter_text:
        for matcher in [term_matcher(t) for t in split_filter(filter_text)]:
            items = [i for i in items if matcher(i)]
    sort = _one(query, "sort")
    after_id = _one(query, "after_id")
    limit = _int_param(query, "limit")
    skip = _int_param(query, "skip") or 0
    page = _int_param(query, "page")
    if after_id and (sort or skip or page):
        raise bad_request("after_id cannot be used with sort, skip or page")
    ordered = _sorted(items, sort)
    total = len(ordered)
    if after_id:
        ordered = [i for i in ordered if str(i.get("_id", "")) > after_id]
    if page and limit:
        skip += (page - 1) * limit
    ordered = ordered[skip:]
    if limit:
        ordered = ordered[:limit]
    results = [project(i) for i in ordered]
    if paginated:
        return {"count": len(results), "total": total, "results": results}
    return results
