"""Put each center's part into its project: upload unless the same content is there, then
make sure the part has the gear's tag and its source info. A center whose writes fail is a
failure of the report; the other centers go on."""

from __future__ import annotations

import logging
from typing import Any

from csv_center_splitter_app.centers import Centers
from csv_center_splitter_app.split import SplitResult
from flywheel_access import FlywheelAccess, FlywheelAccessError, LocalFile, Outcome
from gear_report import Failure
from input_files import InputFile

log = logging.getLogger(__name__)

PART_TAG = "csv-center-splitter"


def source_info(input_file: InputFile, rows: int) -> dict[str, Any]:
    """The info every part carries: where its rows came from."""
    source: dict[str, Any] = {"file": input_file.name}
    if input_file.file_id:
        source["file_id"] = input_file.file_id
    source["rows"] = rows
    return {"source": source}


def upload_parts(
    access: FlywheelAccess,
    centers: Centers,
    split: SplitResult,
    input_file: InputFile,
    *,
    failures: list[Failure],
) -> None:
    """Every part into its center's project; appends one failure per center that failed, as
    it goes (a run stopped part-way still reports the centers that failed before)."""
    for center in sorted(split.parts):
        part = split.parts[center]
        project = centers.projects[center]
        local = LocalFile.read(part.path)
        try:
            record = access.ensure_file(project, local, rows=part.rows)
            access.ensure_file_tags(project, local.name, [PART_TAG])
            access.ensure_file_info(project, local.name, source_info(input_file, part.rows))
        except FlywheelAccessError as error:
            failures.append(Failure(project.path, str(error)))
            continue
        log.info(
            "%s: %d row(s) -> %s/%s (%s)",
            center,
            part.rows,
            project.path,
            local.name,
            record.outcome.value,
        )


def uploads_done(access: FlywheelAccess) -> int:
    """How many parts this run uploaded."""
    return sum(
        1 for r in access.records if r.operation == "upload_file" and r.outcome is Outcome.DONE
    )
