"""Reading records and splitting them, without Flywheel: bytes kept, rows numbered, problems."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from csv_center_splitter_app.csv_records import CsvFileError, RecordReader, read_header
from csv_center_splitter_app.split import ERROR_COLUMNS, SplitResult, split_csv
from row_errors import RowErrorWriter

KNOWN = {"c1", "c2", "c3", "c4", "c5"}


def problem_of(center: str) -> str | None:
    if not center:
        return "empty center"
    return None if center in KNOWN else f"unknown center: no group {center!r}"


def split(
    tmp_path: Path, content: bytes, *, delimiter: str = ",", max_open: int = 32
) -> SplitResult:
    source = tmp_path / "in.csv"
    source.write_bytes(content)
    errors = RowErrorWriter(tmp_path / "errors.csv", ERROR_COLUMNS, scratch_dir=tmp_path / "s")
    result = split_csv(
        source,
        file_name="in.csv",
        stem="in",
        center_column="center_id",
        delimiter=delimiter,
        problem_of=problem_of,
        work_dir=tmp_path / "parts",
        errors=errors,
        max_open=max_open,
    )
    errors.commit()
    return result


def error_rows(tmp_path: Path) -> list[list[str]]:
    with (tmp_path / "errors.csv").open(newline="", encoding="utf-8") as stream:
        return list(csv.reader(stream))[1:]


def test_parts_keep_the_input_bytes_and_order(tmp_path: Path) -> None:
    content = (
        b"\xef\xbb\xbfcenter_id,note\r\n"  # a byte-order mark, dropped
        b'c1,"two\r\nlines"\r\n'
        b"c2,x\n"
        b"\r\n"  # a blank record: skipped, but it is row 4
        b" c1 ,=1+1\r\n"
        b"c2,last"  # no line end at the end of the file
    )
    result = split(tmp_path, content)
    assert (result.rows, result.placed, result.unplaced) == (4, 4, 0)
    assert (tmp_path / "parts" / "in-c1.csv").read_bytes() == (
        b'center_id,note\r\nc1,"two\r\nlines"\r\n c1 ,=1+1\r\n'
    )
    assert (tmp_path / "parts" / "in-c2.csv").read_bytes() == b"center_id,note\r\nc2,x\nc2,last"
    assert {c: p.rows for c, p in result.parts.items()} == {"c1": 2, "c2": 2}
    assert not (tmp_path / "errors.csv").exists()


def test_open_files_stay_bounded_with_many_centers(tmp_path: Path) -> None:
    rows = [f"c{1 + i % 5},{i}\n" for i in range(50)]
    result = split(tmp_path, ("center_id,n\n" + "".join(rows)).encode(), max_open=2)
    for center in sorted(KNOWN):
        expected = "center_id,n\n" + "".join(r for r in rows if r.startswith(f"{center},"))
        assert (tmp_path / "parts" / f"in-{center}.csv").read_text() == expected
    assert sum(p.rows for p in result.parts.values()) == 50


def test_unplaceable_rows_go_to_the_error_file_with_their_row(tmp_path: Path) -> None:
    long_field = "y" * (csv.field_size_limit() + 1)
    content = (
        "center_id,n\n"
        "c1,1\n"
        "zz,2\n"  # row 3: unknown
        "c2\n"  # row 4: short
        ",4\n"  # row 5: empty center
        "\"=cmd|' /C calc'!A0\",5\n"  # row 6: a formula as the center
        f"c1,{long_field}\n"  # row 7: a field over the csv module's limit
        "c1,\0\n"  # row 8: a NUL
        "c3,9\n"
    ).encode()
    result = split(tmp_path, content)
    assert (result.rows, result.placed, result.unplaced) == (8, 2, 6)
    rows = error_rows(tmp_path)
    assert [r[0] for r in rows] == ["3", "4", "5", "6", "7", "8"]
    assert rows[0] == ["3", "zz", "unknown center: no group 'zz'"]
    assert rows[1] == ["4", "c2", "1 fields, the header has 2"]
    assert rows[2] == ["5", "", "empty center"]
    assert rows[3][1].startswith("'=cmd")  # defused in the error file
    assert rows[4][2].startswith("not a CSV record: field larger than field limit")
    assert rows[5][2] == "the record holds a NUL character"
    assert (tmp_path / "parts" / "in-c3.csv").read_text() == "center_id,n\nc3,9\n"


def test_semicolons_and_tabs(tmp_path: Path) -> None:
    result = split(tmp_path, b"center_id;n\nc1;1,5\n", delimiter=";")
    assert result.parts["c1"].rows == 1
    assert (tmp_path / "parts" / "in-c1.csv").read_bytes() == b"center_id;n\nc1;1,5\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "in.csv: the file is empty (no header row)"),
        (b"\xef\xbb\xbf\r\n\r\n", "in.csv: the file is empty (no header row)"),
        (b"site,n\nc1,1\n", "in.csv: no column 'center_id' in the header (columns: site, n)"),
        (b"center_id,n,n\n", "in.csv: the header names 'n' more than once"),
        (b"center_id,,x\n", "in.csv: the header has empty column names (column 2)"),
        (b"center_id\0,n\n", "in.csv: row 1, the header: the record holds a NUL character"),
        (b"center_id,n\nc1,\xff\n", "in.csv: not UTF-8 text (byte 16, line 2); save the file"),
    ],
)
def test_file_problems_name_the_file_and_leave_nothing(
    tmp_path: Path, content: bytes, message: str
) -> None:
    with pytest.raises(CsvFileError) as error:
        split(tmp_path, content)
    assert str(error.value).startswith(message)
    assert list((tmp_path / "parts").glob("*")) == []


def test_a_bad_byte_late_in_the_file_removes_the_parts_written(tmp_path: Path) -> None:
    rows = b"".join(b"c1,%d\n" % i for i in range(1000))
    with pytest.raises(CsvFileError, match=r"line 1002\)"):
        split(tmp_path, b"center_id,n\n" + rows + b"c2,\xc3\x28\n")
    assert list((tmp_path / "parts").glob("*")) == []


def test_the_reader_counts_records_not_lines() -> None:
    reader = RecordReader(io.BytesIO(b'h\n"a\nb"\n\nc\n'), ",", "x.csv")
    header = read_header(reader, "x.csv", "h")
    assert header.raw == "h\n"
    assert [(r.row, r.raw, r.fields) for r in reader] == [
        (2, '"a\nb"\n', ["a\nb"]),
        (3, "\n", []),
        (4, "c\n", ["c"]),
    ]
