"""multipart/form-data bodies (the SDK's direct file upload), parsed byte-exactly."""

from __future__ import annotations

import email.message
import email.parser
from dataclasses import dataclass

from flywheel_standin.errors import bad_request


@dataclass(frozen=True)
class FormPart:
    """One part: its field name, its file name (None for a plain field) and its bytes."""

    name: str
    filename: str | None
    content_type: str | None
    data: bytes


def _headers(raw: bytes) -> email.message.Message:
    return email.parser.BytesHeaderParser().parsebytes(raw + b"\r\n\r\n")


def parse_form(content_type: str, body: bytes) -> list[FormPart]:
    """The parts of a multipart/form-data body; 400 when it is not one."""
    outer = _headers(b"Content-Type: " + content_type.encode("latin-1"))
    boundary = outer.get_param("boundary")
    if outer.get_content_type() != "multipart/form-data" or not isinstance(boundary, str):
        raise bad_request("A file upload must be multipart/form-data with a boundary")
    delimiter = b"--" + boundary.encode("latin-1")
    sections = (b"\r\n" + body).split(b"\r\n" + delimiter)
    parts: list[FormPart] = []
    for section in sections[1:]:
        if section.startswith(b"--"):  # the closing delimiter
            return parts
        head, separator, data = section.partition(b"\r\n\r\n")
        if not separator:
            raise bad_request("A multipart part has no header end")
        headers = _headers(head.lstrip(b"\r\n").rstrip(b" \t"))
        name = headers.get_param("name", header="content-disposition")
        filename = headers.get_param("filename", header="content-disposition")
        if not isinstance(name, str):
            raise bad_request("A multipart part has no field name")
        parts.append(
            FormPart(
                name=name,
                filename=filename if isinstance(filename, str) else None,
                content_type=headers.get("content-type"),
                data=data,
            )
        )
    raise bad_request("The multipart body has no closing delimiter")
