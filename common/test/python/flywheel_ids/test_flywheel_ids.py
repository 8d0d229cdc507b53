"""Flywheel's group id rule and file hash, shared by gears and the stand-in."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from flywheel_ids import file_hash, file_hash_of, is_group_id


@pytest.mark.parametrize(
    ("group_id", "valid"),
    [
        ("ab", True),
        ("a", False),
        ("a" * 64, True),
        ("a" * 65, False),
        ("adrc-1.x_y@z", True),
        ("-ab", False),
        ("ab-", False),
        ("Ab", False),
        ("a b", False),
        ("ab\n", False),
        (17, False),
    ],
)
def test_group_id_rule(group_id: object, valid: bool) -> None:
    assert is_group_id(group_id) is valid


def test_file_hash_is_flywheels_sha384_form(tmp_path: Path) -> None:
    content = b"a,b\r\n1,2\n" * 200_000  # more than one read chunk
    expected = "v0-sha384-" + hashlib.sha384(content).hexdigest()
    assert file_hash(content) == expected
    (tmp_path / "f.csv").write_bytes(content)
    assert file_hash_of(tmp_path / "f.csv") == expected
