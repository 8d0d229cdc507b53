"""File endpoints through the real flywheel-sdk 23: both upload paths, listing, tags, info."""

from __future__ import annotations

import http.client
import io
import json
from typing import Any

import flywheel
import pytest

from flywheel_ids import file_hash as flywheel_hash
from flywheel_standin import StandIn
from gear_pytest.fixtures_standin import StandInFactory

# Both line endings and a quoted newline: the bytes must come back exactly.
CONTENT = b'center_id,x\r\nc1,"two\nlines"\r\nc1,3\n'
SEED: dict[str, Any] = {"groups": [{"id": "c1", "projects": [{"label": "ingest-form"}]}]}


def spec(name: str, content: bytes) -> Any:
    """A FileSpec the way a gear streams a file: a binary handle and its size."""
    return flywheel.FileSpec(name, io.BytesIO(content), "text/csv", size=len(content))


def project_id(client: Any) -> str:
    return str(client.lookup("c1/ingest-form").id)


def calls(standin: StandIn) -> list[tuple[str, str, dict[str, list[str]]]]:
    return [(r.method, r.path, r.query) for r in standin.requests]


def test_direct_multipart_upload_when_the_site_offers_no_signed_urls(
    standin_factory: StandInFactory,
) -> None:
    standin = standin_factory(SEED)
    client = flywheel.Client(standin.api_key())
    pid = project_id(client)
    standin.clear_requests()
    uploaded = client.upload_file_to_project(pid, spec("part.csv", CONTENT))
    assert [f.name for f in uploaded] == ["part.csv"]
    assert calls(standin) == [
        ("GET", "/api/config", {}),
        ("POST", f"/api/projects/{pid}/files", {}),
    ]
    assert client.download_file_from_project_as_data(pid, "part.csv") == CONTENT
    listed = client.get_project(pid).files
    assert [(f.name, f.size, f.hash, f.version) for f in listed] == [
        ("part.csv", len(CONTENT), flywheel_hash(CONTENT), 1)
    ]


def test_signed_url_upload_ticket_put_close(standin_factory: StandInFactory) -> None:
    standin = standin_factory({**SEED, "signed_urls": True, "keys": ["k1"]})
    client = flywheel.Client(standin.api_key())
    pid = project_id(client)
    standin.clear_requests()
    client.upload_file_to_container(pid, spec("part.csv", CONTENT))
    (config, opened, put, closed) = standin.requests
    assert (config.method, config.path) == ("GET", "/api/config")
    assert (opened.method, opened.query) == ("POST", {"ticket": [""]})
    assert opened.body == {
        "metadata": {"name": "part.csv", "size": len(CONTENT)},
        "filenames": ["part.csv"],
    }
    ticket = put.path.rsplit("/", 1)[1]
    assert (put.method, put.status) == ("PUT", 200)  # accepted without the API key
    assert (closed.path, closed.query) == (f"/api/containers/{pid}/files", {"ticket": [ticket]})
    assert client.download_file_from_project_as_data(pid, "part.csv") == CONTENT


def test_a_ticket_closed_before_its_bytes_arrive_is_refused(
    standin_factory: StandInFactory,
) -> None:
    standin = standin_factory({**SEED, "signed_urls": True})
    client = flywheel.Client(standin.api_key())
    pid = project_id(client)
    ticket = client.api_client.call_api(
        f"/projects/{pid}/files",
        "POST",
        query_params=[("ticket", "")],
        body={"metadata": {}, "filenames": ["a.csv"]},
        response_type=object,
        auth_settings=["ApiKey"],
        _return_http_data_only=True,
    )["ticket"]
    with pytest.raises(flywheel.ApiException) as error:
        client.api_client.call_api(
            f"/projects/{pid}/files",
            "POST",
            query_params=[("ticket", ticket)],
            auth_settings=["ApiKey"],
            _return_http_data_only=True,
        )
    assert error.value.status == 400
    assert "closed before its file was uploaded" in str(error.value.reason)
    assert client.get_project(pid).files == []


def test_a_second_upload_is_a_new_version_without_the_old_metadata(fw_client: Any) -> None:
    fw_client.add_group(flywheel.Group(id="c1", label="C1"))
    pid = fw_client.add_project(flywheel.ProjectInput(label="ingest-form", group="c1"))
    first = fw_client.upload_file_to_project(pid, spec("part.csv", b"a\n"))[0]
    fw_client.add_file_tags(first.file_id, ["keep", "keep", "x"])
    fw_client.modify_project_file_info(pid, "part.csv", flywheel.Info(set={"source": {"n": 1}}))
    tagged = fw_client.get_project(pid).files[0]
    assert (tagged.tags, tagged.info) == (["keep", "x"], {"source": {"n": 1}})
    second = fw_client.upload_file_to_project(pid, spec("part.csv", b"b\n"))[0]
    assert (second.file_id, second.version, second.tags, second.info) == (first.file_id, 2, [], {})
    kept = fw_client.upload_file_to_project(pid, spec("part.csv", b"c\n"), preserve_metadata=True)[
        0
    ]
    assert kept.version == 3


def test_listings_carry_size_and_hash_and_info_only_when_asked(
    standin_factory: StandInFactory,
) -> None:
    files = [{"name": "a.csv", "content": "x\n", "tags": ["t"], "info": {"k": 1}}]
    seed = {"groups": [{"id": "c1", "projects": [{"label": "ingest-form", "files": files}]}]}
    client = flywheel.Client(standin_factory(seed).api_key())
    plain = client.get_all_projects(filter="label=ingest-form")[0].files[0]
    assert (plain.size, plain.hash, plain.tags, plain.info) == (
        2,
        flywheel_hash(b"x\n"),
        ["t"],
        None,
    )
    full = client.get_all_projects(filter="label=ingest-form", include_all_info=True)[0].files[0]
    assert full.info == {"k": 1}
    assert client.get_file(full.file_id).parents.project == full.parent_ref.id


def test_seed_files_survive_a_dump_and_reload(standin_factory: StandInFactory) -> None:
    files = [{"name": "a.csv", "content": "x\n", "type": "tabular data", "tags": [], "info": {}}]
    standin = standin_factory(
        {"groups": [{"id": "c1", "projects": [{"label": "p", "files": files}]}]}
    )
    dumped = standin.dump()
    assert dumped["groups"][0]["projects"][0]["files"] == files
    standin.load(dumped)
    assert standin.dump() == dumped


def test_missing_files_and_bad_uploads_answer_flywheel_errors(fw_client: Any) -> None:
    fw_client.add_group(flywheel.Group(id="c1", label="C1"))
    pid = fw_client.add_project(flywheel.ProjectInput(label="p", group="c1"))
    with pytest.raises(flywheel.ApiException) as missing:
        fw_client.download_file_from_project_as_data(pid, "nope.csv")
    assert missing.value.status == 404
    with pytest.raises(flywheel.ApiException) as no_tags:
        fw_client.add_file_tags("000000000000000000000fff", ["t"])
    assert no_tags.value.status == 404


def test_a_chunked_multipart_body_is_read_whole(standin: StandIn, fw_client: Any) -> None:
    fw_client.add_group(flywheel.Group(id="c1", label="C1"))
    pid = fw_client.add_project(flywheel.ProjectInput(label="p", group="c1"))
    boundary = "b0undary"
    body = (
        (
            f"--{boundary}\r\n"
            'Content-Disposition: form-data; name="metadata"\r\n\r\n'
            '{"tags": ["from-upload"]}\r\n'
            f"--{boundary}\r\n"
            'Content-Disposition: form-data; name="file"; filename="c.csv"\r\n'
            "Content-Type: text/csv\r\n\r\n"
        ).encode()
        + CONTENT
        + f"\r\n--{boundary}--\r\n".encode()
    )
    connection = http.client.HTTPConnection(standin.host, standin.port, timeout=5)
    connection.putrequest("POST", f"/api/projects/{pid}/files")
    connection.putheader("Authorization", "scitran-user k")
    connection.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
    connection.putheader("Transfer-Encoding", "chunked")
    connection.endheaders()
    for start in range(0, len(body), 7):
        chunk = body[start : start + 7]
        connection.send(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
    connection.send(b"0\r\n\r\n")
    answer = json.loads(connection.getresponse().read())
    connection.close()
    assert [(f["name"], f["size"], f["tags"]) for f in answer] == [
        ("c.csv", len(CONTENT), ["from-upload"])
    ]
    assert fw_client.download_file_from_project_as_data(pid, "c.csv") == CONTENT
