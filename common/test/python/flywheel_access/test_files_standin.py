"""File operations of FlywheelAccess through the real flywheel-sdk against the stand-in.

The scenario is what csv-center-splitter does: find every center's `ingest-form` project (one
listing), upload each center's part unless the project has it with the same content, then
make sure it has the gear's tag and info. c1 has the part already (untagged), c2 has none, c3
has an older part, c4 has no `ingest-form` project.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import flywheel
import pytest

from flywheel_access import FlywheelAccess, LocalFile, Outcome, RetryPolicy, file_operations
from flywheel_ids import file_hash
from flywheel_standin import Fault, StandIn
from gear_pytest.fixtures_standin import StandInFactory

PARTS = {"c1": b"center_id,x\r\nc1,1\r\n", "c2": b"center_id,x\r\nc2,2\r\n", "c3": b"c\r\nnew\r\n"}
TAG = "csv-center-splitter"


def project(group: str, files: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"id": group, "projects": [{"label": "ingest-form", "files": files or []}]}


SEED: dict[str, Any] = {
    "groups": [
        project("c1", [{"name": "in-c1.csv", "content": PARTS["c1"].decode()}]),
        project("c2"),
        project("c3", [{"name": "in-c3.csv", "content": "old\n", "tags": [TAG]}]),
        {"id": "c4"},
    ]
}


@pytest.fixture
def parts(tmp_path: Path) -> dict[str, LocalFile]:
    files = {}
    for center, content in PARTS.items():
        path = tmp_path / f"in-{center}.csv"
        path.write_bytes(content)
        files[center] = LocalFile.read(path)
    return files


def make_access(standin: StandIn, *, dry_run: bool) -> FlywheelAccess:
    return FlywheelAccess(
        flywheel.Client(standin.api_key()), dry_run=dry_run, retry=RetryPolicy(sleep=lambda _: None)
    )


def run_scenario(access: FlywheelAccess, parts: dict[str, LocalFile]) -> None:
    projects = access.projects_labelled("ingest-form")
    assert sorted(projects) == ["c1", "c2", "c3"]
    for center, local in parts.items():
        target = projects[center]
        access.ensure_file(target, local, rows=1)
        access.ensure_file_tags(target, local.name, [TAG])
        access.ensure_file_info(target, local.name, {"source": {"file": "in.csv", "rows": 1}})


def files_of(standin: StandIn) -> dict[str, dict[str, Any]]:
    return {
        g["id"]: {f["name"]: f for f in g["projects"][0].get("files", [])}
        for g in standin.dump()["groups"]
        if g.get("projects")
    }


@pytest.mark.parametrize("signed_urls", [False, True])
def test_a_real_run_uploads_what_differs_and_tags_everything(
    standin_factory: StandInFactory, parts: dict[str, LocalFile], signed_urls: bool
) -> None:
    standin = standin_factory({**SEED, "signed_urls": signed_urls})
    access = make_access(standin, dry_run=False)
    run_scenario(access, parts)

    client = flywheel.Client(standin.api_key())
    for center, content in PARTS.items():
        target = client.lookup(f"{center}/ingest-form")
        assert client.download_file_from_project_as_data(target.id, f"in-{center}.csv") == content
        (stored,) = [f for f in client.get_project(target.id).files if f.name == f"in-{center}.csv"]
        assert (stored.size, stored.hash) == (len(content), file_hash(content))
        assert stored.tags == [TAG]
        assert stored.info == {"source": {"file": "in.csv", "rows": 1}}
    uploads = {r.path: r.outcome for r in access.records if r.operation == "upload_file"}
    assert uploads == {
        "c1/ingest-form": Outcome.ALREADY,
        "c2/ingest-form": Outcome.DONE,
        "c3/ingest-form": Outcome.DONE,
    }
    assert client.get_project(client.lookup("c3/ingest-form").id).files[0].version == 2


def test_the_dry_run_plans_exactly_what_a_real_run_sends(
    standin_factory: StandInFactory, parts: dict[str, LocalFile]
) -> None:
    standin = standin_factory(SEED)
    dry = make_access(standin, dry_run=True)
    run_scenario(dry, parts)
    assert standin.writes() == []
    planned = [
        (r.operation, r.path, r.payload) for r in dry.records if r.outcome is Outcome.PLANNED
    ]
    assert {operation for operation, _, _ in planned} == file_operations.NAMES
    upload = next(p for op, path, p in planned if op == "upload_file" and path == "c2/ingest-form")
    assert upload == {**parts["c2"].payload(), "rows": 1}

    real = make_access(standin, dry_run=False)
    run_scenario(real, parts)
    done = [(r.operation, r.path, r.payload) for r in real.records if r.outcome is Outcome.DONE]
    assert done == planned


def test_a_second_run_writes_nothing_and_reads_one_listing(
    standin_factory: StandInFactory, parts: dict[str, LocalFile]
) -> None:
    standin = standin_factory(SEED)
    run_scenario(make_access(standin, dry_run=False), parts)
    standin.clear_requests()
    again = make_access(standin, dry_run=False)
    run_scenario(again, parts)
    assert standin.writes() == []
    assert {r.outcome for r in again.records} == {Outcome.ALREADY}
    assert Counter((r.method, r.path) for r in standin.reads()) == Counter(
        [("GET", "/api/auth/status"), ("GET", "/api/projects")]
    )


def test_a_missing_tag_or_info_is_added_again_without_an_upload(
    standin_factory: StandInFactory, parts: dict[str, LocalFile]
) -> None:
    standin = standin_factory(SEED)
    run_scenario(make_access(standin, dry_run=False), parts)
    client = flywheel.Client(standin.api_key())
    pid = client.lookup("c2/ingest-form").id
    client.modify_project_file_info(pid, "in-c2.csv", flywheel.Info(delete=["source"]))
    standin.clear_requests()
    run_scenario(make_access(standin, dry_run=False), parts)
    assert [(w.method, w.path) for w in standin.writes()] == [
        ("PATCH", f"/api/projects/{pid}/files/in-c2.csv/info")
    ]


@pytest.mark.parametrize("signed_urls", [False, True])
def test_an_upload_failing_after_it_landed_is_checked_not_sent_twice(
    standin_factory: StandInFactory, parts: dict[str, LocalFile], signed_urls: bool
) -> None:
    standin = standin_factory({**SEED, "signed_urls": signed_urls})
    # The direct upload, or the signed upload's closing POST (the second POST to .../files).
    nth = 2 if signed_urls else 1
    standin.add_fault(Fault("POST", r"/api/projects/[0-9a-f]+/files", nth=nth, when="after"))
    access = make_access(standin, dry_run=False)
    run_scenario(access, parts)
    posts = [w for w in standin.writes() if w.method == "POST"]
    assert len(posts) == 2 * nth  # c2 once (it landed), c3 once
    assert files_of(standin)["c2"]["in-c2.csv"]["content"] == PARTS["c2"].decode()
    upload = next(
        r for r in access.records if r.operation == "upload_file" and r.path == "c2/ingest-form"
    )
    assert upload.outcome is Outcome.DONE


def test_an_upload_refused_before_it_landed_is_retried_after_a_re_read(
    standin_factory: StandInFactory, parts: dict[str, LocalFile]
) -> None:
    standin = standin_factory(SEED)
    standin.add_fault(Fault("POST", r"/api/projects/[0-9a-f]+/files", nth=1, status=503))
    run_scenario(make_access(standin, dry_run=False), parts)
    assert files_of(standin)["c2"]["in-c2.csv"]["content"] == PARTS["c2"].decode()
    paths = [(r.method, r.path) for r in standin.requests]
    failed = paths.index(("POST", next(r.path for r in standin.requests if r.status == 503)))
    assert paths[failed + 1][0] == "GET"  # the re-read before the retry


def test_every_third_write_failing_after_it_applied_ends_as_a_clean_run(
    standin_factory: StandInFactory, parts: dict[str, LocalFile]
) -> None:
    clean = standin_factory(SEED)
    run_scenario(make_access(clean, dry_run=False), parts)
    faulty = standin_factory(SEED)
    faulty.add_fault(Fault("POST|PUT|PATCH", ".*", every=3, when="after"))
    run_scenario(make_access(faulty, dry_run=False), parts)
    assert files_of(faulty) == files_of(clean)


def test_tags_or_info_of_a_file_not_uploaded_are_a_bug(
    standin_factory: StandInFactory, parts: dict[str, LocalFile]
) -> None:
    access = make_access(standin_factory(SEED), dry_run=False)
    target = access.projects_labelled("ingest-form")["c2"]
    assert access.project_file(target, "in-c2.csv") is None
    with pytest.raises(ValueError, match=r"c2/ingest-form has no file 'in-c2\.csv'"):
        access.ensure_file_tags(target, "in-c2.csv", [TAG])
