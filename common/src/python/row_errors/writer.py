"""RowErrorWriter and the cell rule."""

from __future__ import annotations

import csv
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import TextIO

MAX_CELL = 200  # characters kept of one value
CUT_MARK = "..."
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object, max_cell: int = MAX_CELL) -> str:
    """`value` as a spreadsheet-safe cell: cut to `max_cell` characters, formulas defused."""
    text = "" if value is None else str(value)
    if len(text) > max_cell:
        text = text[: max_cell - len(CUT_MARK)] + CUT_MARK
    if text.startswith(FORMULA_STARTS):
        text = "'" + text
    return text


class RowErrorWriter:
    """Rows with `columns`, streamed to a scratch file in `scratch_dir`, moved to `path` by
    `commit` (only when there are rows). As a context manager, an exception discards them."""

    def __init__(
        self, path: Path, columns: Sequence[str], *, scratch_dir: Path, max_cell: int = MAX_CELL
    ) -> None:
        self.path = path
        self.columns = tuple(columns)
        self.count = 0
        self._scratch_dir = scratch_dir
        self._max_cell = max_cell
        self._scratch: Path | None = None
        self._stream: TextIO | None = None
        self._writer: csv.DictWriter[str] | None = None

    def add(self, **values: object) -> None:
        """One row; every column must be given, and no other."""
        if set(values) != set(self.columns):
            raise ValueError(
                f"a row needs exactly the columns {self.columns}, got {sorted(values)}"
            )
        if self._writer is None:
            self._open()
        assert self._writer is not None
        self._writer.writerow({k: safe_cell(v, self._max_cell) for k, v in values.items()})
        self.count += 1

    def _open(self) -> None:
        self._scratch_dir.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=self._scratch_dir, prefix=f"{self.path.name}.")
        self._scratch = Path(name)
        self._stream = os.fdopen(handle, "w", encoding="utf-8", newline="")
        self._writer = csv.DictWriter(self._stream, fieldnames=self.columns)
        self._writer.writeheader()

    def commit(self) -> Path | None:
        """Put the file at `path` (replacing one there); its path, or None when no row came."""
        if self._stream is None or self._scratch is None:
            return None
        self._stream.close()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(self._scratch), self.path)  # a rename on one file system
        self._stream = self._writer = self._scratch = None
        return self.path

    def discard(self) -> None:
        """Drop the rows written so far; `path` is left as it was."""
        if self._stream is not None:
            self._stream.close()
        if self._scratch is not None:
            self._scratch.unlink(missing_ok=True)
        self._stream = self._writer = self._scratch = None

    def __enter__(self) -> RowErrorWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.discard()  # after commit, nothing is left to discard
