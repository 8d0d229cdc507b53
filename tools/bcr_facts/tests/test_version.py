"""Bazel's version order and bazel_compatibility."""

from __future__ import annotations

import pytest

from bcr_facts.version import Version, VersionError, bazel_allows, newest


def test_order_follows_bazel() -> None:
    texts = ["1.0-rc1", "1.0", "1.0.bcr.1", "1.2", "1.10", "2.0+build", "abc", ""]
    ordered = sorted(texts, key=Version.parse)
    assert ordered == texts
    assert Version.parse("2.0+build") == Version.parse("2.0")
    assert newest(["2.3.0", "2.10.0", "2.9.1", "0.3.5"]) == "2.10.0"


def test_bazel_compatibility() -> None:
    assert bazel_allows([">=7.0.0", "<9.0.0"], "8.4.2")
    assert not bazel_allows([">=9.0.0"], "8.4.2")
    assert not bazel_allows(["-8.4.2"], "8.4.2")
    assert bazel_allows([], "8.4.2")
    with pytest.raises(VersionError):
        bazel_allows(["~8"], "8.4.2")
