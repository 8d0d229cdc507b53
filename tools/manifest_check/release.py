"""What a manifest needs before a release, beyond the everyday check: no scaffold placeholder
left, and `source` and `url` set to absolute http(s) URLs.

The gear spec allows empty `source` and `url` (a new gear starts so), but Flywheel's uploader
checks their URI format and a released gear should say where its code lives: `source` is where
the code is, `url` where to learn more (the spec: "just point to the URL value if not
applicable"). `./dev check-manifest --release` runs this; CI's release job runs that.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

# Text the scaffold (tools/gear_scaffold) writes for the author to replace; its tests check
# that a fresh gear trips on each.
SCAFFOLD_PLACEHOLDERS = (
    "Describe what the gear does here",
    "describe the file the gear expects",
    "replace with a real one",
)
URL_FIELDS = ("source", "url")
URL_FIX = (
    "set it to the https URL of the gear's folder in its source repository (url may be the same)"
)


def _strings(node: object, path: str) -> Iterator[tuple[str, str]]:
    """Every string in the manifest with its field path (`inputs.centers.description`)."""
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, f"{path}[{index}]")


def _is_web_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in value


def release_problems(manifest: dict[str, Any]) -> list[tuple[str, str]]:
    """Every (field, message) that keeps the manifest from a release; empty when it may go."""
    problems: list[tuple[str, str]] = []
    for field in URL_FIELDS:
        value = manifest.get(field)
        if not isinstance(value, str) or not value.strip():
            problems.append((field, f"is empty; {URL_FIX}"))
        elif not _is_web_url(value):
            problems.append((field, f"{value!r} is not an absolute http(s) URL; {URL_FIX}"))
    for path, text in _strings(manifest, ""):
        for placeholder in SCAFFOLD_PLACEHOLDERS:
            if placeholder.lower() in text.lower():
                message = f"still holds the scaffold's placeholder {placeholder!r}"
                problems.append((path, f"{message}; replace it with the real text"))
    return problems
