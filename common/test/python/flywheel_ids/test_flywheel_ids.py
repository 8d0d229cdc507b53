"""Flywheel's group id rule, shared by gears and the stand-in."""

from __future__ import annotations

import pytest

from flywheel_ids import is_group_id


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
