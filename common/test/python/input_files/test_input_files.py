"""InputFile from config.json file inputs: metadata, container, parents and the type check."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gear_runner import InputValues, InvocationError
from input_files import ContainerRef, InputFile, InputFileError, read_input_file

SPEC: dict[str, Any] = {"base": "file", "type": {"enum": ["tabular data"]}}


def job_input(path: Path, **object_fields: Any) -> dict[str, Any]:
    """A file input as a real Flywheel job's config.json has it."""
    return {
        "base": "file",
        "hierarchy": {"type": "project", "id": "p1"},
        "location": {"path": str(path), "name": path.name},
        "object": {
            "type": "tabular data",
            "mimetype": "text/csv",
            "size": 12,
            "file_id": "f1",
            "version": 3,
            "tags": ["raw"],
            "info": {"k": 1},
            "modality": None,
            "parents": {"group": "nacc", "project": "p1", "subject": None},
            **object_fields,
        },
    }


def test_every_field_comes_from_config_json(tmp_path: Path) -> None:
    path = tmp_path / "visits.csv"
    found = read_input_file("input_file", job_input(path), SPEC, path)
    assert found == InputFile(
        input_name="input_file",
        name="visits.csv",
        path=path,
        file_type="tabular data",
        size=12,
        file_id="f1",
        version=3,
        container=ContainerRef("project", "p1"),
        parents={"group": "nacc", "project": "p1"},
        tags=("raw",),
        info={"k": 1},
        mimetype="text/csv",
        modality=None,
    )
    assert found.stem == "visits"


def test_a_local_run_without_flywheel_metadata_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "visits.csv"
    found = read_input_file("input_file", {"base": "file", "location": {}}, {}, path)
    assert (found.name, found.file_id, found.container, found.tags) == (
        "visits.csv",
        None,
        None,
        (),
    )


def test_a_file_of_another_type_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "scan.dcm"
    with pytest.raises(InputFileError) as error:
        read_input_file("input_file", job_input(path, type="dicom"), SPEC, path)
    assert str(error.value) == (
        "config.json: inputs.input_file.object.type: scan.dcm is of type 'dicom'; the manifest"
        " accepts 'tabular data': give a file of that type"
    )


def test_gear_args_give_input_files_and_turn_errors_into_invocation_errors(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "input" / "input_file"
    folder.mkdir(parents=True)
    good, bad = folder / "visits.csv", folder / "scan.dcm"
    good.write_text("center_id\n")
    bad.write_text("x")
    declared = {"input_file": SPEC}
    inputs = InputValues(declared, {"input_file": job_input(good)}, tmp_path / "input")
    assert inputs.file("input_file").path == good
    wrong = InputValues(declared, {"input_file": job_input(bad, type="dicom")}, tmp_path / "input")
    with pytest.raises(InvocationError, match=r"inputs\.input_file\.object\.type"):
        wrong.file("input_file")
