"""Flywheel's group id rule and file hash, shared by gears and the stand-in."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from flywheel_ids import (
    MAX_LABEL_LENGTH,
    file_hash,
    file_hash_of,
    is_group_id,
    label_problem,
    tag_problem,
)


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


def test_labels_and_tags_flywheel_keeps_as_written() -> None:
    assert label_problem("Alpha ADRC") is None and tag_problem("new-center") is None
    for bad in ("a\x07b", "a\nb", "a\tb", "a\x85b", "a\u2028b"):
        assert "control character" in str(label_problem(bad))
        assert "control character" in str(tag_problem(bad))
    for spaced in (" a", "a ", "\u3000a"):
        assert "space" in str(tag_problem(spaced)) and "space" in str(label_problem(spaced))
    assert tag_problem("  ") == "must not be empty"
    assert label_problem("x" * MAX_LABEL_LENGTH) is None
    assert "at most 64" in str(label_problem("x" * (MAX_LABEL_LENGTH + 1)))
    assert tag_problem("x" * 1000) is None  # no known length rule for tags
