"""Request bodies as HTTP/1.1 clients send them: with a Content-Length, or chunked."""

from __future__ import annotations

import io
from collections.abc import Mapping


def read_body(stream: io.BufferedIOBase, headers: Mapping[str, str]) -> bytes:
    """The whole body of a request whose (lower-cased) `headers` were read from `stream`."""
    if "chunked" in headers.get("transfer-encoding", "").lower():
        return _read_chunked(stream)
    length = int(headers.get("content-length") or 0)
    return stream.read(length) if length else b""


def _read_chunked(stream: io.BufferedIOBase) -> bytes:
    chunks: list[bytes] = []
    while True:
        size_line = stream.readline()
        size = int(size_line.split(b";", 1)[0].strip() or b"0", 16)
        if size == 0:
            while stream.readline() not in (b"\r\n", b"\n", b""):  # trailers
                pass
            return b"".join(chunks)
        chunks.append(stream.read(size))
        stream.readline()  # the CRLF after the chunk
