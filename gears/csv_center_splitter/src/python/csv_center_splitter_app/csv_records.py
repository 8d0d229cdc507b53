"""An input CSV read as records, streamed, each with its row number and its text as it was.

A record is what the csv module reads as one row (a quoted field may hold a newline); `row`
counts records from 1 (the header), blank ones included. The text of every record is kept as
it was in the file (line endings too), so parts built from them keep the input's bytes; only a
UTF-8 byte-order mark is dropped. Lines end at `\n` (`\r\n` included); a file whose lines
end in a bare `\r` reads as one line. A record with a NUL, a field over the csv module's limit or
the wrong number of fields is a row problem (`Record.problem`), not an error; a file that is
not UTF-8, is empty, or whose header is unusable is a `CsvFileError`, found before any write.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from message_quotes import cut_text, quoted

DELIMITERS = {"comma": ",", "semicolon": ";", "tab": "\t"}
BOM = b"\xef\xbb\xbf"


class CsvFileError(ValueError):
    """The file cannot be split at all; the message names the file, the problem and the fix."""


@dataclass(frozen=True)
class Record:
    """One record: its row number, its text as in the file, and its fields or its problem."""

    row: int
    raw: str
    fields: list[str]
    problem: str | None = None

    @property
    def blank(self) -> bool:
        """A record with no fields at all (an empty line)."""
        return not self.fields and self.problem is None


@dataclass(frozen=True)
class Header:
    """The header record: its text, column names (stripped) and the center column's index."""

    raw: str
    names: list[str]
    center_index: int


class RecordReader:
    """The records of one binary stream, decoded line by line (so a byte that is not UTF-8 is
    found at its exact place, and line ends are kept as they are)."""

    def __init__(self, stream: BinaryIO, delimiter: str, file_name: str) -> None:
        self._stream = stream
        self._file_name = file_name
        self._lines: list[str] = []
        self._reader = csv.reader(self._tracked(), delimiter=delimiter)
        self.row = 0

    def _tracked(self) -> Iterator[str]:
        offset = 0
        for number, read in enumerate(self._stream, start=1):
            data = read
            if number == 1 and data.startswith(BOM):
                data, offset = data[len(BOM) :], len(BOM)
            try:
                line = data.decode("utf-8")
            except UnicodeDecodeError as error:
                raise CsvFileError(
                    f"{self._file_name}: not UTF-8 text (byte {offset + error.start + 1}, line"
                    f" {number}); save the file as UTF-8 (CSV UTF-8) and run again"
                ) from None
            offset += len(data)
            self._lines.append(line)
            yield line

    def __iter__(self) -> Iterator[Record]:
        return self

    def __next__(self) -> Record:
        self._lines.clear()
        try:
            fields = next(self._reader)
            problem = None
        except csv.Error as error:
            fields, problem = [], f"not a CSV record: {error}"
        self.row += 1
        raw = "".join(self._lines)
        if "\0" in raw:
            fields, problem = [], "the record holds a NUL character"
        return Record(self.row, raw, fields, problem)


def read_header(reader: RecordReader, file_name: str, center_column: str) -> Header:
    """The first non-blank record, checked: names unique and non-empty, `center_column` there."""
    for record in reader:
        if record.problem is not None:
            raise CsvFileError(f"{file_name}: row {record.row}, the header: {record.problem}")
        if record.blank:
            continue
        names = [name.strip() for name in record.fields]
        empty = [str(i + 1) for i, name in enumerate(names) if not name]
        if empty:
            raise CsvFileError(
                f"{file_name}: the header has empty column names (column {', '.join(empty)});"
                " name every column"
            )
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise CsvFileError(
                f"{file_name}: the header names {cut_text(', '.join(map(quoted, duplicates)))}"
                " more than"
                " once; column names must be unique"
            )
        if center_column not in names:
            raise CsvFileError(
                f"{file_name}: no column {quoted(center_column)} in the header (columns:"
                f" {cut_text(', '.join(names))}); set config center_column to the center's column"
            )
        return Header(record.raw, names, names.index(center_column))
    raise CsvFileError(f"{file_name}: the file is empty (no header row); give a CSV with a header")


def open_csv(path: Path) -> BinaryIO:
    """The file for RecordReader."""
    return path.open("rb")
