"""Split the input by center into work/ parts, streaming; unplaceable rows to the error file.

Memory does not grow with rows: each record is written out as it is read. Open files stay
bounded however many centers there are: at most `max_open` part files are open at a time
(least recently used closed first, reopened for appending when its center comes back).
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from csv_center_splitter_app.csv_records import Header, RecordReader, open_csv, read_header
from row_errors import RowErrorWriter

log = logging.getLogger(__name__)

MAX_OPEN_FILES = 128  # part files open at once; more centers than this reopen files
PROGRESS_EVERY = 100_000  # rows between progress lines
ERROR_COLUMNS = ("row", "center", "problem")


@dataclass
class Part:
    """One center's part: its file in work/ and how many rows it has."""

    center: str
    path: Path
    rows: int = 0


@dataclass
class SplitResult:
    """What the split found."""

    rows: int = 0  # data rows (blank records not counted)
    unplaced: int = 0
    parts: dict[str, Part] = field(default_factory=dict)

    @property
    def placed(self) -> int:
        """Rows written to a part."""
        return self.rows - self.unplaced


class PartFiles:
    """The parts' files, at most `max_open` open at once."""

    def __init__(self, work_dir: Path, stem: str, header: Header, max_open: int) -> None:
        self._work_dir = work_dir
        self._stem = stem
        self._header = header
        self._max_open = max_open
        self._open: OrderedDict[str, TextIO] = OrderedDict()
        self.parts: dict[str, Part] = {}

    def write(self, center: str, raw: str) -> None:
        """Append one record's text to the center's part (created with the header)."""
        stream = self._open.get(center)
        if stream is None:
            stream = self._reopen(center)
        else:
            self._open.move_to_end(center)
        stream.write(raw)
        self.parts[center].rows += 1

    def _reopen(self, center: str) -> TextIO:
        if len(self._open) >= self._max_open:
            _, oldest = self._open.popitem(last=False)
            oldest.close()
        part = self.parts.get(center)
        if part is None:
            path = self._work_dir / f"{self._stem}-{center}.csv"
            part = self.parts[center] = Part(center, path)
            stream = path.open("w", encoding="utf-8", newline="")
            stream.write(self._header.raw)
        else:
            stream = part.path.open("a", encoding="utf-8", newline="")
        self._open[center] = stream
        return stream

    def close(self) -> None:
        """Close every open part file."""
        while self._open:
            self._open.popitem()[1].close()


def split_csv(
    path: Path,
    *,
    file_name: str,
    stem: str,
    center_column: str,
    delimiter: str,
    problem_of: Callable[[str], str | None],
    work_dir: Path,
    errors: RowErrorWriter,
    max_open: int = MAX_OPEN_FILES,
) -> SplitResult:
    """Split `path` into `work_dir/<stem>-<center>.csv`; rows `problem_of` refuses to `errors`.

    CsvFileError for a file that cannot be split (parts written so far are removed).
    """
    work_dir.mkdir(parents=True, exist_ok=True)
    result = SplitResult()
    with open_csv(path) as stream:
        reader = RecordReader(stream, delimiter, file_name)
        header = read_header(reader, file_name, center_column)
        files = PartFiles(work_dir, stem, header, max_open)
        try:
            _split_records(
                reader,
                header=header,
                problem_of=problem_of,
                files=files,
                errors=errors,
                result=result,
            )
        except BaseException:
            files.close()
            for part in files.parts.values():
                part.path.unlink(missing_ok=True)
            raise
        files.close()
    result.parts = files.parts
    return result


def _split_records(
    reader: RecordReader,
    *,
    header: Header,
    problem_of: Callable[[str], str | None],
    files: PartFiles,
    errors: RowErrorWriter,
    result: SplitResult,
) -> None:
    width = len(header.names)
    for record in reader:
        if record.blank:
            continue
        result.rows += 1
        if result.rows % PROGRESS_EVERY == 0:
            log.info("split %d rows (%d centers so far)", result.rows, len(files.parts))
        fields = record.fields
        center = fields[header.center_index].strip() if header.center_index < len(fields) else ""
        problem = record.problem
        if problem is None and len(record.fields) != width:
            problem = f"{len(record.fields)} fields, the header has {width}"
        if problem is None:
            problem = problem_of(center)
        if problem is not None:
            result.unplaced += 1
            errors.add(row=record.row, center=center, problem=problem)
            continue
        files.write(center, record.raw)
