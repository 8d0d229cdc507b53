"""The local digest is index.json's first manifest digest, as rules_oci's push script reads it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from safe_push.oci_layout import LayoutError, local_digest

DIGEST = "sha256:" + "a" * 64


def write_index(image: Path, index: object) -> Path:
    image.mkdir(exist_ok=True)
    (image / "index.json").write_text(json.dumps(index))
    return image


def test_reads_the_first_manifest_digest(tmp_path: Path) -> None:
    index = {
        "schemaVersion": 2,
        "manifests": [{"digest": DIGEST, "size": 1}, {"digest": "sha256:" + "b" * 64}],
    }
    assert local_digest(write_index(tmp_path / "image", index)) == DIGEST


@pytest.mark.parametrize(
    ("index", "problem"),
    [
        ({"manifests": []}, "no manifests listed"),
        ({"schemaVersion": 2}, "no manifests listed"),
        ({"manifests": [{"size": 3}]}, "manifests\\[0\\] has no digest"),
    ],
)
def test_unusable_index_is_named(tmp_path: Path, index: object, problem: str) -> None:
    with pytest.raises(LayoutError, match=problem):
        local_digest(write_index(tmp_path / "image", index))


def test_missing_or_broken_index(tmp_path: Path) -> None:
    with pytest.raises(LayoutError, match=r"index\.json: missing"):
        local_digest(tmp_path)
    (tmp_path / "index.json").write_text("{")
    with pytest.raises(LayoutError, match="not JSON"):
        local_digest(tmp_path)
