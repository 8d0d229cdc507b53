"""A project's files in the stand-in: content, size, hash, tags, info and versions.

Wire shape: flywheel-sdk 23's FileOutput / FileListOutput (`_id`, `file_id`, `name`, `size`,
`hash`, `tags`, `info`, `version`, `parent_ref`, `parents`, ...); `hash` is in Flywheel's form,
`flywheel_ids.file_hash` (the one the gears compare with).
"""

from __future__ import annotations

import copy
import mimetypes
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flywheel_ids import file_hash
from flywheel_standin import seed as seeds
from flywheel_standin.model import Json, Stamp


def guess_mimetype(name: str) -> str:
    """The mimetype a file of this name gets when the upload does not say."""
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


@dataclass
class FileRecord:
    """One file of a project (its current version)."""

    file_id: str
    name: str
    content: bytes
    stamp: Stamp
    version: int = 1
    mimetype: str = "application/octet-stream"
    type: str | None = None
    tags: list[str] = field(default_factory=list)
    info: Json = field(default_factory=dict)

    @property
    def size(self) -> int:
        """The size in bytes."""
        return len(self.content)

    @property
    def hash(self) -> str:
        """The hash in Flywheel's form (`flywheel_ids.file_hash`)."""
        return file_hash(self.content)

    def wire(self, project_id: str, group_id: str) -> Json:
        """FileOutput (a project's `files` entry, GET /api/files/{id})."""
        return {
            "_id": self.file_id,
            "file_id": self.file_id,
            "name": self.name,
            "version": self.version,
            "size": self.size,
            "hash": self.hash,
            "mimetype": self.mimetype,
            "type": self.type,
            "tags": list(self.tags),
            "info": copy.deepcopy(self.info),
            "info_exists": bool(self.info),
            "parent_ref": {"type": "project", "id": project_id},
            "parents": {"group": group_id, "project": project_id},
            **self.stamp.wire(),
        }

    def seed(self) -> Json:
        """The seed/dump shape (content as UTF-8 text; undecodable bytes are replaced)."""
        out: Json = {"name": self.name, "content": self.content.decode("utf-8", "replace")}
        if self.type:
            out["type"] = self.type
        out["tags"] = list(self.tags)
        out["info"] = copy.deepcopy(self.info)
        return out


@dataclass
class PendingUpload:
    """A signed-URL upload between its ticket and its close: where the bytes go, and the bytes."""

    ticket: str
    container_id: str
    name: str
    metadata: Json
    content: bytes | None = None


def parse_files(
    data: dict[str, Any],
    where: str,
    *,
    new_id: Callable[[], str],
    new_stamp: Callable[[], Stamp],
) -> list[FileRecord]:
    """A seed project's `files`: `[{name, content, type?, tags?, info?}]` (content is text)."""
    files: list[FileRecord] = []
    for i, entry in enumerate(seeds.items(data, "files", where)):
        at = f"{where}files[{i}]."
        name = seeds.text(entry, "name", at)
        if any(f.name == name for f in files):
            raise seeds.SeedError(f"seed {at}name: file {name!r} appears twice")
        content = entry.get("content", "")
        if not isinstance(content, str):
            raise seeds.SeedError(f"seed {at}content: must be text")
        file_type = entry.get("type")
        if file_type is not None and not isinstance(file_type, str):
            raise seeds.SeedError(f"seed {at}type: must be a string")
        files.append(
            FileRecord(
                file_id=new_id(),
                name=name,
                content=content.encode("utf-8"),
                stamp=new_stamp(),
                mimetype=guess_mimetype(name),
                type=file_type,
                tags=seeds.strings(entry, "tags", at),
                info=seeds.info_of(entry, at),
            )
        )
    return files
