"""Which ids Flywheel accepts: one rule for gears, the stand-in and the checks.

The rule is fw-meta's `load_group_id`, the package Flywheel's own importers use: 2 to 64
characters of lower-case letters, digits, `.`, `@`, `_` and `-`, starting and ending with a
letter or digit.
"""

from __future__ import annotations

from typing import TypeGuard

from fw_meta.imports import load_group_id

GROUP_ID_RULE = (
    "2-64 characters of a-z, 0-9, '.', '@', '_', '-', starting and ending with a-z or 0-9"
)


def is_group_id(value: object) -> TypeGuard[str]:
    """Whether Flywheel accepts `value` as a group id.

    `load_group_id` lower-cases before it checks, so only an id it returns unchanged is valid;
    its pattern ends in `$`, which would let a trailing newline through, so that is refused too.
    """
    return isinstance(value, str) and "\n" not in value and load_group_id(value) == value
