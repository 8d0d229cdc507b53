"""Tags and a QC result on the input file, written by fw-gear's real GearContext."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fw_gear.context import GearContext

from flywheel_standin import StandIn
from gear_metadata import MetadataError, QcResult, record_file_results
from gear_pytest.fixtures_gear import GearDirFactory, gear_manifest
from gear_pytest.fixtures_standin import StandInFactory
from input_files import read_input_file

DESTINATION = "000000000000000000000001"
SEED: dict[str, Any] = {
    "groups": [{"id": "nacc", "projects": [{"id": DESTINATION, "label": "ingest"}]}]
}
MANIFEST = gear_manifest(
    inputs={
        "input_file": {"base": "file", "type": {"enum": ["tabular data"]}},
        "api-key": {"base": "api-key"},
    },
    name="csv-tool",
)


def open_context(
    gear_dir_factory: GearDirFactory, standin: StandIn, **object_fields: Any
) -> tuple[GearContext, Any]:
    gear_dir = gear_dir_factory(
        MANIFEST,
        files={"input_file": ("visits.csv", "center_id\nc1\n")},
        api_key=standin.api_key(),
        destination={"type": "project", "id": DESTINATION},
    )
    config = gear_dir.config_json
    config["inputs"]["input_file"]["object"].update(tags=["raw"], info={"k": 1}, **object_fields)
    gear_dir.write_config_json(config)
    context = GearContext(
        gear_path=str(gear_dir.path),
        config_path=str(gear_dir.config_path),
        manifest_path=str(gear_dir.paths.manifest),
    )
    value = config["inputs"]["input_file"]
    input_file = read_input_file("input_file", value, MANIFEST["inputs"]["input_file"], Path())
    return context, input_file


def test_tags_and_qc_result_land_in_metadata_json(
    gear_dir_factory: GearDirFactory, standin_factory: StandInFactory
) -> None:
    standin = standin_factory(SEED)
    context, input_file = open_context(gear_dir_factory, standin, file_id="f1")
    with context:
        record_file_results(
            context,
            input_file,
            tags=["split", "raw"],
            qc=QcResult("center-split", "pass", {"rows": 2, "placed": 2}),
        )
    written = json.loads((context.output_dir / ".metadata.json").read_text())
    (entry,) = written["project"]["files"]
    assert entry["name"] == "visits.csv"
    assert entry["tags"] == ["raw", "split"]
    gear_info = entry["info"]["qc"]["csv-tool"]
    assert gear_info["center-split"] == {"state": "PASS", "rows": 2, "placed": 2}
    assert gear_info["job_info"]["inputs"]["input_file"]["file_id"] == "f1"
    assert entry["info"]["k"] == 1  # the file's own info is kept
    # fw-gear reads the destination once to check the file's container may be updated
    assert [(r.method, r.path) for r in standin.requests if r.path != "/api/auth/status"] == [
        ("GET", f"/api/projects/{DESTINATION}")
    ]


def test_an_exception_in_the_context_writes_no_metadata(
    gear_dir_factory: GearDirFactory, standin_factory: StandInFactory
) -> None:
    context, input_file = open_context(gear_dir_factory, standin_factory(SEED))
    with pytest.raises(RuntimeError), context:
        record_file_results(context, input_file, tags=["split"])
        raise RuntimeError("the gear failed")
    assert not (context.output_dir / ".metadata.json").exists()


def test_nothing_to_record_reads_nothing(
    gear_dir_factory: GearDirFactory, standin_factory: StandInFactory
) -> None:
    standin = standin_factory(SEED)
    context, input_file = open_context(gear_dir_factory, standin)
    standin.clear_requests()
    with context:
        record_file_results(context, input_file, tags=["raw"])
    assert standin.requests == []
    assert not (context.output_dir / ".metadata.json").exists()


def test_a_file_without_a_container_is_a_clear_error(tmp_path: Path) -> None:
    input_file = read_input_file("input_file", {"base": "file"}, {}, tmp_path / "v.csv")
    with pytest.raises(MetadataError, match=r"inputs\.input_file\.hierarchy: missing"):
        record_file_results(object(), input_file, tags=["split"])
