"""Which ids Flywheel accepts, and the content hash it reports: one rule for gears, the
stand-in and the checks.

The group id rule is fw-meta's `load_group_id`, the package Flywheel's own importers use: 2 to
64 characters of lower-case letters, digits, `.`, `@`, `_` and `-`, starting and ending with a
letter or digit. Labels and tags: `flywheel_ids.texts`.

A file's `hash` (flywheel-sdk 23's FileOutput/FileListOutput declare it as a plain string,
"Cryptographic hash of the file") has the form `v0-sha384-<hex digest>`: scitran/core, the
Flywheel API's ancestor, builds it in `api/util.py` (`format_hash`, `path_from_hash`).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TypeGuard

from fw_meta.imports import load_group_id

from flywheel_ids.texts import MAX_LABEL_LENGTH, has_control_character, label_problem, tag_problem

__all__ = [
    "FILE_HASH_PREFIX",
    "GROUP_ID_RULE",
    "MAX_LABEL_LENGTH",
    "file_hash",
    "file_hash_of",
    "has_control_character",
    "is_group_id",
    "label_problem",
    "tag_problem",
]

GROUP_ID_RULE = (
    "2-64 characters of a-z, 0-9, '.', '@', '_', '-', starting and ending with a-z or 0-9"
)


def is_group_id(value: object) -> TypeGuard[str]:
    """Whether Flywheel accepts `value` as a group id.

    `load_group_id` lower-cases before it checks, so only an id it returns unchanged is valid;
    its pattern ends in `$`, which would let a trailing newline through, so that is refused too.
    """
    return isinstance(value, str) and "\n" not in value and load_group_id(value) == value


FILE_HASH_PREFIX = "v0-sha384-"
_CHUNK = 1 << 20


def file_hash(content: bytes) -> str:
    """The hash Flywheel reports for a file holding `content`."""
    return FILE_HASH_PREFIX + hashlib.sha384(content).hexdigest()


def file_hash_of(path: Path) -> str:
    """`file_hash` of the file at `path`, read in chunks (memory does not grow with its size)."""
    digest = hashlib.sha384()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(_CHUNK), b""):
            digest.update(chunk)
    return FILE_HASH_PREFIX + digest.hexdigest()
