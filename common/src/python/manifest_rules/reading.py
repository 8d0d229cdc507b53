"""Read a manifest.json: a JSON object, or one line saying why not (file, line, column)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


class ManifestUnreadable(ValueError):  # noqa: N818 -- reads as what happened
    """The manifest cannot be read, is not JSON or not an object; the message is one line:
    the file, then `detail` (`, line 3, column 5: not valid JSON (...)` or `: ...`)."""

    def __init__(self, path: Path, detail: str) -> None:
        self.path = path
        self.detail = detail
        super().__init__(f"{path}{detail}")


def read_manifest(path: Path) -> dict[str, Any]:
    """The manifest at `path`; ManifestUnreadable (one line naming the file) otherwise."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ManifestUnreadable(
            path, f": not UTF-8 text ({error.reason} at byte {error.start})"
        ) from None
    except OSError as error:
        raise ManifestUnreadable(
            path, f": cannot read the manifest ({error.strerror or type(error).__name__})"
        ) from None
    try:
        loaded = json.loads(text)
    except json.JSONDecodeError as error:
        raise ManifestUnreadable(
            path, f", line {error.lineno}, column {error.colno}: not valid JSON ({error.msg})"
        ) from None
    if not isinstance(loaded, dict):
        raise ManifestUnreadable(path, f": must hold a JSON object, not {type(loaded).__name__}")
    return loaded
