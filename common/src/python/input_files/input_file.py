"""InputFile and how it is read from a config.json file input."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from message_quotes import cut_text, quoted


class InputFileError(ValueError):
    """A file input that cannot be used; the message names config.json's field and the fix."""


@dataclass(frozen=True)
class ContainerRef:
    """A Flywheel container by type and id (`{"type": "project", "id": "..."}`)."""

    type: str
    id: str


@dataclass(frozen=True)
class InputFile:
    """One file input of a job."""

    input_name: str  # the manifest's name for the input
    name: str  # the file's name in Flywheel
    path: Path  # where the job has it, under input/<input_name>/
    file_type: str | None = None  # Flywheel's file type ("tabular data", "dicom", ...)
    size: int | None = None
    file_id: str | None = None
    version: int | None = None
    container: ContainerRef | None = None  # the container that holds the file
    parents: Mapping[str, str] = field(default_factory=dict)  # container type -> id
    tags: tuple[str, ...] = ()
    info: Mapping[str, Any] = field(default_factory=dict)
    mimetype: str | None = None
    modality: str | None = None

    @property
    def stem(self) -> str:
        """The file name without its last extension (`visits.csv` -> `visits`)."""
        return Path(self.name).stem


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _container(value: Any) -> ContainerRef | None:
    if not isinstance(value, Mapping):
        return None
    kind, ident = _text(value.get("type")), _text(value.get("id"))
    return ContainerRef(kind, ident) if kind and ident else None


def accepted_types(spec: Mapping[str, Any]) -> list[str]:
    """The Flywheel file types a manifest input accepts (`"type": {"enum": [...]}`); [] = any."""
    declared = spec.get("type")
    allowed = declared.get("enum") if isinstance(declared, Mapping) else None
    return [str(t) for t in allowed] if isinstance(allowed, list) else []


def read_input_file(
    input_name: str, value: Mapping[str, Any], spec: Mapping[str, Any], path: Path
) -> InputFile:
    """The InputFile of config.json's `inputs.<input_name>` (`value`), whose file is at `path`.

    `spec` is the manifest's declaration of the input. InputFileError when the file's
    Flywheel type is not one the manifest accepts (a file without a type is not checked).
    """
    location = value.get("location")
    location = location if isinstance(location, Mapping) else {}
    obj = value.get("object")
    obj = obj if isinstance(obj, Mapping) else {}
    name = _text(location.get("name")) or path.name
    file_type = _text(obj.get("type"))
    allowed = accepted_types(spec)
    if file_type is not None and allowed and file_type not in allowed:
        raise InputFileError(
            f"config.json: inputs.{input_name}.object.type: {cut_text(name, 120)} is of type"
            f" {quoted(file_type)};"
            f" the manifest accepts {', '.join(repr(t) for t in allowed)}: give a file of"
            " that type"
        )
    parents = obj.get("parents")
    tags = obj.get("tags")
    info = obj.get("info")
    return InputFile(
        input_name=input_name,
        name=name,
        path=path,
        file_type=file_type,
        size=_int(obj.get("size")),
        file_id=_text(obj.get("file_id")),
        version=_int(obj.get("version")),
        container=_container(value.get("hierarchy")),
        parents={str(k): str(v) for k, v in parents.items() if v}
        if isinstance(parents, Mapping)
        else {},
        tags=tuple(str(t) for t in tags) if isinstance(tags, list) else (),
        info=dict(info) if isinstance(info, Mapping) else {},
        mimetype=_text(obj.get("mimetype")),
        modality=_text(obj.get("modality")),
    )
