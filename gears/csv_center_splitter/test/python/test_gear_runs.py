"""The gear through the real runtime and the real flywheel-sdk against the stand-in.

Each run builds a gear folder from the gear's manifest (as `./dev run` does) and runs run.py's
main through gear_runner.execute_gear: config validation, the key, the report, fw-gear's
.metadata.json are all part of every test.
"""

from __future__ import annotations

import csv
import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import flywheel
import pytest
import yaml

from csv_center_splitter_app.run import main
from flywheel_ids import file_hash
from flywheel_standin import Fault, StandIn
from gear_pytest.fixtures_standin import StandInFactory
from gear_report import report_name
from gear_run import config_from_manifest, write_config_json, write_gear_folder
from gear_runner import ExitCode, execute_gear
from gear_spec import GearPaths

GEAR_ROOT = Path(__file__).parent.parent.parent
MANIFEST = GEAR_ROOT / "src" / "docker" / "manifest.json"
DATA = GEAR_ROOT / "data"
SEED: dict[str, Any] = yaml.safe_load((DATA / "standin-seed.yaml").read_text())
REPORT = report_name("csv-center-splitter")
VISITS = b'center_id,ptid,visitnum\r\nalpha,A1,1\r\nbeta,B1,1\r\nalpha,A2,"2"\r\ngamma,G1,1\r\n'
_runs = itertools.count(1)


@dataclass
class GearRun:
    exit_code: int
    folder: Path

    @property
    def output(self) -> Path:
        return self.folder / "output"

    @property
    def report(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((self.output / REPORT).read_text())
        return data

    @property
    def metadata(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((self.output / ".metadata.json").read_text())
        return data

    def error_rows(self, name: str) -> list[list[str]]:
        with (self.output / name).open(newline="", encoding="utf-8") as stream:
            return list(csv.reader(stream))


Runner = Callable[..., GearRun]


@pytest.fixture
def run_gear(tmp_path: Path) -> Runner:
    """`run_gear(standin, content, name="visits.csv", file_id=None, **config)` -> GearRun."""
    manifest = json.loads(MANIFEST.read_text())

    def run(
        standin: StandIn,
        content: bytes = VISITS,
        *,
        name: str = "visits.csv",
        file_id: str | None = None,
        **config: Any,
    ) -> GearRun:
        number = next(_runs)
        source = tmp_path / f"source-{number}" / name
        source.parent.mkdir()
        source.write_bytes(content)
        folder = tmp_path / f"gear-{number}"
        values = config_from_manifest(manifest, {}) | config
        paths = write_gear_folder(
            folder, MANIFEST, values, {"input_file": source}, standin.api_key()
        )
        if file_id is not None:
            config_json = json.loads(paths.config.read_text())
            config_json["inputs"]["input_file"]["object"]["file_id"] = file_id
            write_config_json(GearPaths(folder), config_json)
        return GearRun(execute_gear(main, folder), folder)

    return run


def part(standin: StandIn, center: str, name: str) -> tuple[bytes, Any]:
    """The part's bytes and its file entry in the center's ingest-form project."""
    client = flywheel.Client(standin.api_key())
    project = client.lookup(f"{center}/ingest-form")
    entry = next(f for f in client.get_project(project.id).files if f.name == name)
    return client.download_file_from_project_as_data(project.id, name), entry


@pytest.mark.parametrize("signed_urls", [False, True])
def test_each_center_gets_its_rows_with_the_header(
    standin_factory: StandInFactory, run_gear: Runner, signed_urls: bool
) -> None:
    standin = standin_factory({**SEED, "signed_urls": signed_urls})
    run = run_gear(standin, file_id="5f0000000000000000000abc")
    assert run.exit_code == ExitCode.OK
    alpha, entry = part(standin, "alpha", "visits-alpha.csv")
    assert alpha == b'center_id,ptid,visitnum\r\nalpha,A1,1\r\nalpha,A2,"2"\r\n'
    assert (entry.size, entry.hash) == (len(alpha), file_hash(alpha))
    assert entry.tags == ["csv-center-splitter"]
    assert entry.info == {
        "source": {"file": "visits.csv", "file_id": "5f0000000000000000000abc", "rows": 2}
    }
    assert (
        part(standin, "beta", "visits-beta.csv")[0] == b"center_id,ptid,visitnum\r\nbeta,B1,1\r\n"
    )
    assert part(standin, "gamma", "visits-gamma.csv")[0].endswith(b"gamma,G1,1\r\n")
    report = run.report
    assert report["context"]["centers"] == {"alpha": 2, "beta": 1, "gamma": 1}
    assert report["totals"]["done"] == 9 and report["totals"]["failed"] == 0
    assert not list(run.output.glob("*-errors.csv"))


def test_the_input_file_gets_its_tag_and_qc_result(
    standin_factory: StandInFactory, run_gear: Runner
) -> None:
    run = run_gear(standin_factory(SEED))
    (entry,) = run.metadata["project"]["files"]
    assert entry["name"] == "visits.csv"
    assert entry["tags"] == ["split"]
    qc = entry["info"]["qc"]["csv-center-splitter"]["center-split"]
    assert qc == {"state": "PASS", "rows": 4, "placed": 4, "unplaced": 0, "uploads": 3}


def test_unplaceable_rows_go_to_the_error_file_and_exit_1(
    standin_factory: StandInFactory, run_gear: Runner
) -> None:
    seed = {**SEED, "groups": [*SEED["groups"], {"id": "delta", "label": "No ingest"}]}
    standin = standin_factory(seed)
    content = (DATA / "with-errors.csv").read_bytes() + b"delta,D1,1,2026-06-01,4\n"
    run = run_gear(standin, content, name="with-errors.csv")
    assert run.exit_code == ExitCode.FAILED
    assert run.error_rows("with-errors-errors.csv") == [
        ["row", "center", "problem"],
        ["3", "zeta", "unknown center: no group 'zeta'"],
        ["4", "beta", "4 fields, the header has 5"],
        ["5", "", "empty center"],
        ["7", "delta", "center 'delta' has no project 'ingest-form'"],
    ]
    assert part(standin, "alpha", "with-errors-alpha.csv")[0].endswith(
        b"alpha,A003,1,2026-05-04,4\n"
    )
    assert part(standin, "gamma", "with-errors-gamma.csv")[0].endswith(
        b"gamma,G003,1,2026-05-19,4\n"
    )
    qc = run.metadata["project"]["files"][0]["info"]["qc"]["csv-center-splitter"]["center-split"]
    assert qc == {"state": "FAIL", "rows": 6, "placed": 2, "unplaced": 4, "uploads": 2}
    assert run.report["context"]["error_file"] == "with-errors-errors.csv"


def test_a_re_run_uploads_nothing(standin_factory: StandInFactory, run_gear: Runner) -> None:
    standin = standin_factory(SEED)
    assert run_gear(standin).exit_code == ExitCode.OK
    standin.clear_requests()
    again = run_gear(standin)
    assert again.exit_code == ExitCode.OK
    assert standin.writes() == []
    assert again.report["totals"]["already there"] == 9
    assert again.report["totals"]["done"] == 0


def test_reads_do_not_grow_with_rows(standin_factory: StandInFactory, run_gear: Runner) -> None:
    counts = []
    for rows in (10, 1000):
        standin = standin_factory(SEED)
        body = b"".join(b"%s,P%d,1\n" % (c, i) for i in range(rows) for c in (b"alpha", b"beta"))
        assert run_gear(standin, b"center_id,ptid,visitnum\n" + body).exit_code == 0
        counts.append((len(standin.reads()), len(standin.writes())))
    assert counts[0] == counts[1]


def test_a_part_with_other_content_is_replaced_and_re_tagged(
    standin_factory: StandInFactory, run_gear: Runner
) -> None:
    standin = standin_factory(SEED)
    run_gear(standin)
    changed = VISITS.replace(b"beta,B1,1", b"beta,B1,9")
    standin.clear_requests()
    assert run_gear(standin, changed).exit_code == ExitCode.OK
    content, entry = part(standin, "beta", "visits-beta.csv")
    assert content.endswith(b"beta,B1,9\r\n")
    assert (entry.version, entry.tags) == (2, ["csv-center-splitter"])
    uploads = [w for w in standin.writes() if w.path.endswith("/files")]
    assert len(uploads) == 1


def test_a_dry_run_writes_nothing_and_plans_every_upload(
    standin_factory: StandInFactory, run_gear: Runner
) -> None:
    standin = standin_factory(SEED)
    run = run_gear(standin, (DATA / "with-errors.csv").read_bytes(), dry_run=True)
    assert run.exit_code == ExitCode.FAILED  # rows not placed, even in a dry run
    assert standin.writes() == []
    planned = [
        (r["path"], r["payload"]["rows"])
        for r in run.report["records"]
        if r["operation"] == "upload_file" and r["outcome"] == "planned"
    ]
    assert planned == [("alpha/ingest-form", 1), ("gamma/ingest-form", 1)]
    assert run.report["dry_run"] is True
    assert (run.output / "visits-errors.csv").is_file()
    assert not (run.output / ".metadata.json").exists()


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "visits.csv: the file is empty (no header row)"),
        (b"site,ptid\nalpha,A1\n", "visits.csv: no column 'center_id' in the header"),
        (b"center_id,a,a\nalpha,1,2\n", "visits.csv: the header names 'a' more than once"),
        (b"center_id,,b\nalpha,1,2\n", "visits.csv: the header has empty column names"),
        (b"center_id,n\n" + b"alpha,1\n" * 5000 + b"beta,\xe9t\xe9\n", "not UTF-8 text"),
    ],
)
def test_a_bad_file_exits_2_naming_the_problem_and_writes_nothing(
    standin_factory: StandInFactory,
    run_gear: Runner,
    capfd: pytest.CaptureFixture[str],
    content: bytes,
    problem: str,
) -> None:
    standin = standin_factory(SEED)
    run = run_gear(standin, content)
    assert run.exit_code == ExitCode.INVALID
    err = capfd.readouterr().err
    assert problem in err
    assert "Traceback" not in err
    assert standin.writes() == []
    assert list(run.output.iterdir()) == []
    assert list((run.folder / "work" / "parts").glob("*")) == []


def test_one_center_failing_still_uploads_the_others(
    standin_factory: StandInFactory, run_gear: Runner
) -> None:
    standin = standin_factory(SEED)
    beta = flywheel.Client(standin.api_key()).lookup("beta/ingest-form").id
    standin.add_fault(Fault("POST", f"/api/projects/{beta}/files", status=403))
    run = run_gear(standin)
    assert run.exit_code == ExitCode.FAILED
    assert [f["scope"] for f in run.report["failures"]] == ["beta/ingest-form"]
    assert "HTTP 403" in run.report["failures"][0]["reason"]
    assert part(standin, "gamma", "visits-gamma.csv")[0].endswith(b"gamma,G1,1\r\n")
    qc = run.metadata["project"]["files"][0]["info"]["qc"]["csv-center-splitter"]["center-split"]
    assert (qc["state"], qc["uploads"]) == ("PASS", 2)


def test_semicolon_delimited_parts_keep_their_delimiter(
    standin_factory: StandInFactory, run_gear: Runner
) -> None:
    standin = standin_factory(SEED)
    run = run_gear(standin, b"ptid;center_id\nA1;alpha\n", delimiter="semicolon")
    assert run.exit_code == ExitCode.OK
    assert part(standin, "alpha", "visits-alpha.csv")[0] == b"ptid;center_id\nA1;alpha\n"


def test_a_re_run_adds_back_info_someone_removed(
    standin_factory: StandInFactory, run_gear: Runner
) -> None:
    standin = standin_factory(SEED)
    run_gear(standin)
    client = flywheel.Client(standin.api_key())
    beta = client.lookup("beta/ingest-form").id
    client.modify_project_file_info(beta, "visits-beta.csv", flywheel.Info(delete=["source"]))
    standin.clear_requests()
    assert run_gear(standin).exit_code == ExitCode.OK
    assert [(w.method, w.path) for w in standin.writes()] == [
        ("PATCH", f"/api/projects/{beta}/files/visits-beta.csv/info")
    ]
    assert part(standin, "beta", "visits-beta.csv")[1].info["source"]["rows"] == 1
