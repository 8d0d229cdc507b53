"""Label parsing: every spelling BUILD files use, and the ones Bazel refuses."""

from __future__ import annotations

import pytest

from buildcheck.labels import Label, LabelError, parse_label


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("//a/b:c", Label("", "a/b", "c")),
        ("//a/b", Label("", "a/b", "b")),
        (":c", Label("", "pkg", "c")),
        ("c.py", Label("", "pkg", "c.py")),
        ("sub/c.py", Label("", "pkg", "sub/c.py")),
        ("@pip//flywheel_sdk", Label("pip", "flywheel_sdk", "flywheel_sdk")),
        ("@python_base", Label("python_base", "", "python_base")),
        ("@@rules_oci//oci:defs.bzl", Label("rules_oci", "oci", "defs.bzl")),
        ("@//a:b", Label("", "a", "b")),
        ("@fixture//a:b", Label("", "a", "b")),
        ("//:requirements_lock.txt", Label("", "", "requirements_lock.txt")),
    ],
)
def test_parse(text: str, expected: Label) -> None:
    assert parse_label(text, "pkg", frozenset({"fixture"})) == expected


@pytest.mark.parametrize("text", ["", "//a:", "//a/../b:c", "a:b", "//a//b:c", ":../x"])
def test_refused(text: str) -> None:
    with pytest.raises(LabelError):
        parse_label(text, "pkg")


def test_str_is_canonical() -> None:
    assert str(parse_label(":x", "a/b")) == "//a/b:x"
    assert str(parse_label("@pip//pytest", "")) == "@pip//pytest:pytest"
