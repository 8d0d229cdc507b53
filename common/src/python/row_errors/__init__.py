"""Row-level problems of an input file, as a CSV a person opens in a spreadsheet.

`RowErrorWriter` streams rows to a scratch file and puts it in place whole (`commit`), so a
run that stops half-way leaves no half-written error file. Every cell goes through `safe_cell`:
long values are cut, and a value a spreadsheet would take for a formula (starting with `=`,
`+`, `-`, `@`, tab or carriage return) gets a leading `'`.
"""

from row_errors.writer import FORMULA_STARTS, MAX_CELL, RowErrorWriter, safe_cell

__all__ = ["FORMULA_STARTS", "MAX_CELL", "RowErrorWriter", "safe_cell"]
