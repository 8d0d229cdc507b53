"""csv-center-splitter: split a CSV by its center column into each center's project.

The whole file is split locally (work/) before the first upload, so a file problem found at
any row means exit 2 and no write; rows that cannot be placed go to the error file, and the
placed ones are still uploaded (exit 1). See the gear's spec for every rule.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from csv_center_splitter_app.centers import Centers
from csv_center_splitter_app.csv_records import DELIMITERS, CsvFileError
from csv_center_splitter_app.split import ERROR_COLUMNS, SplitResult, split_csv
from csv_center_splitter_app.upload import upload_parts, uploads_done
from flywheel_access import FlywheelAccess, ReadFailed
from gear_metadata import QcResult, record_file_results
from gear_report import GearReport
from gear_runner import ExitCode, InvocationError, ServiceUnreachable
from gear_spec import GearIdentity
from input_files import InputFile
from row_errors import RowErrorWriter

log = logging.getLogger(__name__)

INPUT_TAG = "split"
QC_NAME = "center-split"


def split_input(
    input_file: InputFile,
    *,
    centers: Centers,
    center_column: str,
    delimiter: str,
    output_dir: Path,
    work_dir: Path,
) -> tuple[SplitResult, Path | None]:
    """The split, and the error file (None when every row was placed); exit 2 for a bad file."""
    errors = RowErrorWriter(
        output_dir / f"{input_file.stem}-errors.csv", ERROR_COLUMNS, scratch_dir=work_dir
    )
    with errors:
        try:
            split = split_csv(
                input_file.path,
                file_name=input_file.name,
                stem=input_file.stem,
                center_column=center_column,
                delimiter=DELIMITERS[delimiter],
                problem_of=centers.problem,
                work_dir=work_dir / "parts",
                errors=errors,
            )
        except CsvFileError as error:
            raise InvocationError(str(error)) from None
        return split, errors.commit()


def read_centers(access: FlywheelAccess, target_project: str) -> Centers:
    """The site's centers; a failed read is one line, exit 1."""
    try:
        return Centers.read(access, target_project)
    except ReadFailed as error:
        raise ServiceUnreachable(str(error)) from None


def run(
    *,
    client: Any,
    context: Any,
    gear: GearIdentity,
    input_file: InputFile,
    center_column: str,
    target_project: str,
    delimiter: str,
    dry_run: bool,
    output_dir: Path,
    work_dir: Path,
) -> int:
    """Split `input_file` and put the parts into the centers' projects; the exit code."""
    if not center_column.strip() or not target_project.strip():
        raise InvocationError("config center_column and target_project must not be empty")
    access = FlywheelAccess(client, dry_run=dry_run)
    centers = read_centers(access, target_project)
    split, error_file = split_input(
        input_file,
        centers=centers,
        center_column=center_column.strip(),
        delimiter=delimiter,
        output_dir=output_dir,
        work_dir=work_dir,
    )
    log.info(
        "split %s: %d rows, %d placed in %d centers, %d not placed%s",
        input_file.name,
        split.rows,
        split.placed,
        len(split.parts),
        split.unplaced,
        f" (see {error_file.name})" if error_file else "",
    )
    report = GearReport(
        gear=gear.name,
        version=gear.version,
        dry_run=dry_run,
        context={
            "input": input_file.name,
            "rows": split.rows,
            "placed": split.placed,
            "unplaced": split.unplaced,
            "error_file": error_file.name if error_file else None,
            "centers": {center: split.parts[center].rows for center in sorted(split.parts)},
        },
        records=access.records,
    )
    with report.written_to(output_dir) as path:
        upload_parts(access, centers, split, input_file, failures=report.failures)
    if not dry_run:
        qc = QcResult(
            QC_NAME,
            "pass" if split.unplaced == 0 else "fail",
            {
                "rows": split.rows,
                "placed": split.placed,
                "unplaced": split.unplaced,
                "uploads": uploads_done(access),
            },
        )
        record_file_results(context, input_file, tags=[INPUT_TAG], qc=qc)
    if split.unplaced or report.failures:
        where = [error_file.name] if error_file else []
        where += [path.name] if report.failures else []
        log.error(
            "%d rows not placed, %d centers failed; see %s",
            split.unplaced,
            len(report.failures),
            " and ".join(where),
        )
        return ExitCode.FAILED
    return ExitCode.OK
