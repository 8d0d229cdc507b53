"""The release rules: no scaffold placeholder, `source` and `url` absolute http(s) URLs."""

from __future__ import annotations

from typing import Any

import pytest

from manifest_check.release import SCAFFOLD_PLACEHOLDERS, release_problems

READY: dict[str, Any] = {
    "name": "sample-gear",
    "description": "Splits a CSV of centers into one file per center.",
    "source": "https://example.org/code/gears/sample_gear",
    "url": "https://example.org/code/gears/sample_gear",
    "inputs": {"centers": {"base": "file", "description": "The centers CSV"}},
}


def test_a_finished_manifest_may_be_released() -> None:
    assert release_problems(READY) == []


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("", "is empty; set it to the https URL"),
        ("   ", "is empty; set it to the https URL"),
        (None, "is empty; set it to the https URL"),
        ("gears/sample_gear", "'gears/sample_gear' is not an absolute http(s) URL"),
        ("ftp://example.org/x", "is not an absolute http(s) URL"),
        ("https://", "is not an absolute http(s) URL"),
    ],
)
def test_source_must_be_a_web_url(source: object, message: str) -> None:
    manifest = {**READY, "source": source}
    ((field, text),) = release_problems(manifest)
    assert field == "source"
    assert message in text


def test_every_placeholder_is_found_with_its_field() -> None:
    manifest = {
        **READY,
        "description": "Sample: does things. Describe what the gear does here.",
        "inputs": {
            "centers": {"base": "file", "description": "(describe the file the gear expects)"}
        },
        "url": "",
    }
    problems = release_problems(manifest)
    assert [field for field, _ in problems] == ["url", "description", "inputs.centers.description"]
    assert "replace it with the real text" in problems[1][1]
    assert len(SCAFFOLD_PLACEHOLDERS) >= 2
