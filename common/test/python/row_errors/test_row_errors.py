"""The row-error CSV: safe cells, written whole or not at all."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from row_errors import RowErrorWriter, safe_cell

COLUMNS = ("row", "center", "problem")


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("plain", "plain"),
        (None, ""),
        (7, "7"),
        ("a=b", "a=b"),
    ],
)
def test_formulas_are_defused(value: object, cell: str) -> None:
    assert safe_cell(value) == cell


def test_long_values_are_cut_before_the_formula_guard() -> None:
    assert safe_cell("x" * 500, max_cell=10) == "xxxxxxx..."
    assert safe_cell("=" + "x" * 500, max_cell=10) == "'=xxxxxx..."


def test_rows_land_whole_on_commit(tmp_path: Path) -> None:
    target = tmp_path / "output" / "in-errors.csv"
    with RowErrorWriter(target, COLUMNS, scratch_dir=tmp_path / "work") as errors:
        errors.add(row=3, center="=evil()", problem="unknown center")
        errors.add(row=5, center="", problem='a "quoted"\nvalue')
        assert not target.exists()  # nothing in output/ until commit
        assert errors.commit() == target
    with target.open(newline="", encoding="utf-8") as stream:
        assert list(csv.reader(stream)) == [
            list(COLUMNS),
            ["3", "'=evil()", "unknown center"],
            ["5", "", 'a "quoted"\nvalue'],
        ]
    assert list((tmp_path / "work").iterdir()) == []


def test_no_rows_no_file(tmp_path: Path) -> None:
    errors = RowErrorWriter(tmp_path / "e.csv", COLUMNS, scratch_dir=tmp_path)
    assert errors.commit() is None
    assert list(tmp_path.iterdir()) == []


def test_an_exception_leaves_no_file_behind(tmp_path: Path) -> None:
    target = tmp_path / "output" / "e.csv"
    with (
        pytest.raises(RuntimeError),
        RowErrorWriter(target, COLUMNS, scratch_dir=tmp_path / "work") as errors,
    ):
        errors.add(row=1, center="c", problem="p")
        raise RuntimeError("stopped half-way")
    assert not target.exists()
    assert list((tmp_path / "work").iterdir()) == []


def test_a_row_with_other_columns_is_a_bug(tmp_path: Path) -> None:
    errors = RowErrorWriter(tmp_path / "e.csv", COLUMNS, scratch_dir=tmp_path)
    with pytest.raises(ValueError, match="exactly the columns"):
        errors.add(row=1, center="c")
