"""The file endpoints, as flywheel-sdk 23 calls them (read from its code, `flywheel/flywheel.py`).

Upload (`upload_file_to_project` / `upload_file_to_container`, `signed=True` by default):
1. `GET /api/config`: the SDK tries signed URLs when `features.signed_url` (or `signed_url`)
   is true, which the seed's `signed_urls: true` turns on;
2. signed: `POST /api/projects/{id}/files?ticket=` with `{"metadata": {name, size},
   "filenames": [name]}` answers `{ticket, urls: {name: url}, headers}`; the SDK PUTs the
   bytes to the url (no API key: the ticket is the credential), then closes the ticket with
   `POST /api/projects/{id}/files?ticket=<ticket>` and gets `list[FileOutput]`;
3. otherwise: one `POST /api/projects/{id}/files`, multipart/form-data with a `file` part (and
   an optional JSON `metadata` field), answering `list[FileOutput]`.
An upload of a name the project has replaces its content as a new version; unless
`preserve_metadata=true`, its tags and info become what the upload's metadata gives (none).

Also: files in project listings (file_model.py: size, hash), download
(`GET /api/projects/{id}/files/{name}`), `GET /api/files/{id}`, tags (`PATCH
/api/files/{id}/tags` with a list, which adds the missing ones) and info (`PATCH
/api/projects/{id}/files/{name}/info` with set/replace/delete).
"""

from __future__ import annotations

import json
from typing import Any

from flywheel_standin.errors import bad_request, not_found
from flywheel_standin.file_model import FileRecord, PendingUpload, guess_mimetype
from flywheel_standin.model import Json, Project
from flywheel_standin.multipart import parse_form
from flywheel_standin.routes import Call, Result, route
from flywheel_standin.store import Store, updated_info

SIGNED_UPLOAD = "/signed-upload/{}"


@route("GET", "/config")
def site_config(store: Store, call: Call) -> Result:
    """The part of the site config the SDK reads before an upload."""
    return 200, {"features": {"signed_url": store.signed_urls}, "signed_url": store.signed_urls}


def _metadata(value: Any, where: str) -> Json:
    if value is None:
        return {}
    if isinstance(value, list):  # the SDK sends a list for analyses only
        value = value[0] if len(value) == 1 else None
    if not isinstance(value, dict):
        raise bad_request(f"{where}: metadata must be a JSON object")
    return value


def store_file(
    store: Store, project: Project, name: str, content: bytes, metadata: Json, *, preserve: bool
) -> FileRecord:
    """Add `name` to the project, or make `content` its new version."""
    if not name or "/" in name:
        raise bad_request(f"Invalid file name {name!r}")
    tags = [str(t) for t in metadata.get("tags") or []]
    info = dict(metadata.get("info") or {})
    existing = next((f for f in project.files if f.name == name), None)
    if existing is None:
        record = FileRecord(
            file_id=store.new_id(),
            name=name,
            content=content,
            stamp=store.new_stamp(),
            mimetype=str(metadata.get("mimetype") or guess_mimetype(name)),
            type=metadata.get("type"),
            tags=tags,
            info=info,
        )
        project.files.append(record)
    else:
        record = existing
        record.content = content
        record.version += 1
        record.stamp.touch(store.now())
        if not preserve:
            record.tags, record.info = tags, info
            record.type = metadata.get("type") or record.type
    project.stamp.touch(store.now())
    return record


def _wire(project: Project, records: list[FileRecord]) -> list[Json]:
    return [record.wire(project.id, project.group) for record in records]


@route("POST", "/projects/{}/files")
@route("POST", "/containers/{}/files")
def upload_file(store: Store, call: Call) -> Result:
    """Direct multipart upload, or a signed-URL ticket's creation (`ticket=`) or close."""
    project = store.project(call.params[0])
    ticket = call.one("ticket")
    if ticket is None:
        return 200, _wire(project, _direct_upload(store, project, call))
    if ticket == "":
        return 200, _open_ticket(store, project, call)
    pending = store.uploads.pop(ticket, None)
    if pending is None or pending.container_id != project.id:
        raise not_found("upload ticket", ticket)
    if pending.content is None:
        raise bad_request(f"upload ticket {ticket}: closed before its file was uploaded")
    size = pending.metadata.get("size")
    if isinstance(size, int) and size != len(pending.content):
        raise bad_request(
            f"upload ticket {ticket}: {len(pending.content)} bytes arrived, {size} were announced"
        )
    record = store_file(
        store,
        project,
        pending.name,
        pending.content,
        pending.metadata,
        preserve=call.flag("preserve_metadata"),
    )
    return 200, _wire(project, [record])


def _direct_upload(store: Store, project: Project, call: Call) -> list[FileRecord]:
    parts = parse_form(call.content_type, call.raw)
    metadata: Json = {}
    for part in parts:
        if part.name == "metadata" and part.filename is None:
            try:
                metadata = _metadata(json.loads(part.data), "metadata field")
            except ValueError:
                raise bad_request("The metadata field is not valid JSON") from None
    files = [part for part in parts if part.name == "file" and part.filename]
    if not files:
        raise bad_request("The upload has no file part")
    preserve = call.flag("preserve_metadata")
    return [
        store_file(store, project, str(part.filename), part.data, metadata, preserve=preserve)
        for part in files
    ]


def _open_ticket(store: Store, project: Project, call: Call) -> Json:
    if not store.signed_urls:
        raise bad_request("This site does not offer signed-URL uploads (see GET /api/config)")
    body = call.json()
    names = body.get("filenames")
    if not isinstance(names, list) or len(names) != 1 or not isinstance(names[0], str):
        raise bad_request("filenames must list exactly one file name")
    ticket = store.new_id()
    metadata = _metadata(body.get("metadata"), "ticket")
    store.uploads[ticket] = PendingUpload(ticket, project.id, names[0], metadata)
    url = f"http://{call.host}/api" + SIGNED_UPLOAD.format(ticket)
    return {"ticket": ticket, "urls": {names[0]: url}, "headers": {}}


@route("PUT", SIGNED_UPLOAD, public=True)
def signed_upload(store: Store, call: Call) -> Result:
    """The storage side of a signed URL: keep the bytes until the ticket is closed."""
    pending = store.uploads.get(call.params[0])
    if pending is None:
        raise not_found("upload ticket", call.params[0])
    pending.content = call.raw
    return 200, {}


def _named_file(project: Project, name: str) -> FileRecord:
    found = next((f for f in project.files if f.name == name), None)
    if found is None:
        raise not_found("file", name)
    return found


@route("GET", "/projects/{}/files/{}")
def download_file(store: Store, call: Call) -> Result:
    """The file's bytes."""
    return 200, _named_file(store.project(call.params[0]), call.params[1]).content


def _file_by_id(store: Store, file_id: str) -> tuple[Project, FileRecord]:
    for project in store.projects.values():
        for record in project.files:
            if record.file_id == file_id:
                return project, record
    raise not_found("file", file_id)


@route("GET", "/files/{}")
def get_file(store: Store, call: Call) -> Result:
    """FileOutput."""
    project, record = _file_by_id(store, call.params[0])
    return 200, record.wire(project.id, project.group)


@route("PATCH", "/files/{}/tags")
def add_file_tags(store: Store, call: Call) -> Result:
    """Add the listed tags the file lacks; answers the file's tags."""
    _, record = _file_by_id(store, call.params[0])
    tags = call.body
    if not isinstance(tags, list) or not all(isinstance(t, str) and t for t in tags):
        raise bad_request("The body must be a list of non-empty tag strings")
    added = [tag for tag in dict.fromkeys(tags) if tag not in record.tags]
    if added:
        record.tags += added
        record.stamp.touch(store.now())
    return 200, list(record.tags)


@route("PATCH", "/projects/{}/files/{}/info")
def modify_file_info(store: Store, call: Call) -> Result:
    """set, replace or delete info keys (`modify_project_file_info`)."""
    record = _named_file(store.project(call.params[0]), call.params[1])
    record.info = updated_info(record.info, call.json())
    record.stamp.touch(store.now())
    return 200, {"modified": 1}
