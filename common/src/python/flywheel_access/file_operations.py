"""The write operations on a project's files (part of `operations.WRITE_OPERATIONS`).

Each targets the project (plan records show its path) and names the file in its payload:
- `upload_file` `{file, size, hash, local_path, ...}`: one SDK upload
  (`upload_file_to_project`: signed URL when the site offers it, else multipart); the
  project's file view becomes what the server answers. It took effect when a fresh read of the
  project shows the file with that hash.
- `add_file_tag` `{file, tag}`: `PATCH /api/files/{file_id}/tags`.
- `set_file_info` `{file, info}`: `PATCH /api/projects/{id}/files/{name}/info` with `set`.
"""

from __future__ import annotations

from typing import Any

import flywheel

from flywheel_access.reader import FlywheelReader
from flywheel_access.views import FileView, ProjectView, file_from_sdk

Payload = dict[str, Any]
NAMES = frozenset({"upload_file", "add_file_tag", "set_file_info"})  # in WRITE_OPERATIONS


def _file(project: ProjectView, payload: Payload) -> FileView:
    found = project.files.get(payload["file"])
    if found is None or found.file_id is None:
        raise RuntimeError(f"{project.path} has no file {payload['file']!r} to change")
    return found


def _fresh_file(reader: FlywheelReader, project: ProjectView, payload: Payload) -> FileView | None:
    if not reader.refresh_project(project):
        return None
    return project.files.get(payload["file"])


def upload_file(client: Any, project: ProjectView, payload: Payload) -> None:
    """Upload the local file as `payload["file"]`; the view takes the server's answer."""
    with open(payload["local_path"], "rb") as stream:
        spec = flywheel.FileSpec(payload["file"], stream, size=payload["size"])
        answer = client.upload_file_to_project(project.existing_id(), spec)
    for item in answer if isinstance(answer, list) else []:
        view = file_from_sdk(item)
        if view.name == payload["file"]:
            project.files[view.name] = view


def file_uploaded(reader: FlywheelReader, project: ProjectView, payload: Payload) -> bool:
    """Whether the project now has the file with the payload's content."""
    fresh = _fresh_file(reader, project, payload)
    return fresh is not None and fresh.same_content(payload["size"], payload["hash"])


def reflect_upload(project: ProjectView, payload: Payload) -> None:
    """After a real upload the view is the server's; a dry run predicts a new version, whose
    tags and info are not carried over (the upload sends none)."""
    current = project.files.get(payload["file"])
    if current is None or not current.same_content(payload["size"], payload["hash"]):
        project.files[payload["file"]] = FileView(
            payload["file"], size=payload["size"], hash=payload["hash"]
        )


def add_file_tag(client: Any, project: ProjectView, payload: Payload) -> None:
    """Add one tag to the file."""
    client.add_file_tags(_file(project, payload).file_id, [payload["tag"]])


def file_has_tag(reader: FlywheelReader, project: ProjectView, payload: Payload) -> bool:
    """Whether a fresh read shows the tag on the file."""
    fresh = _fresh_file(reader, project, payload)
    return fresh is not None and payload["tag"] in fresh.tags


def reflect_file_tag(project: ProjectView, payload: Payload) -> None:
    """The tag on the cached file."""
    tags = project.files[payload["file"]].tags
    if payload["tag"] not in tags:
        tags.append(payload["tag"])


def set_file_info(client: Any, project: ProjectView, payload: Payload) -> None:
    """Set the payload's info keys on the file (others are kept)."""
    client.modify_project_file_info(
        project.existing_id(), payload["file"], flywheel.Info(set=payload["info"])
    )


def file_has_info(reader: FlywheelReader, project: ProjectView, payload: Payload) -> bool:
    """Whether a fresh read shows every key of the payload's info with its value."""
    fresh = _fresh_file(reader, project, payload)
    return fresh is not None and all(
        key in fresh.info and fresh.info[key] == value for key, value in payload["info"].items()
    )


def reflect_file_info(project: ProjectView, payload: Payload) -> None:
    """The info keys on the cached file."""
    project.files[payload["file"]].info.update(payload["info"])
