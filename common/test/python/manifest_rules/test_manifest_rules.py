"""The shared manifest rules: reading, OCI tags, the runtime's rules, short messages."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from gear_pytest.fixtures_gear import gear_manifest
from manifest_rules import (
    ManifestUnreadable,
    is_oci_tag,
    manifest_problems,
    oci_tag_problems,
    read_manifest,
    split_image,
)

MANIFEST: dict[str, Any] = gear_manifest(
    {"apikey_path_prefix": {"type": "string", "enum": [""], "default": ""}},
    {"api-key": {"base": "api-key"}},
    version="1.2.0",
)


def test_a_good_manifest_keeps_every_rule() -> None:
    assert manifest_problems(MANIFEST) == []


def test_read_manifest_names_file_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "manifest.json"
    path.write_text('{\n  "name": "x"\n  "version": "1"\n}\n')
    with pytest.raises(ManifestUnreadable) as raised:
        read_manifest(path)
    assert str(raised.value) == (
        f"{path}, line 3, column 3: not valid JSON (Expecting ',' delimiter)"
    )
    path.write_text("[]")
    with pytest.raises(ManifestUnreadable, match="must hold a JSON object, not list"):
        read_manifest(path)
    path.write_text(json.dumps(MANIFEST))
    assert read_manifest(path) == MANIFEST


@pytest.mark.parametrize(
    ("tag", "valid"),
    [
        ("1.2.0", True),
        ("latest", True),
        ("_x", True),
        ("A" * 128, True),
        ("A" * 129, False),
        (".x", False),
        ("-x", False),
        ("1.0+build", False),
        ("a b", False),
        ("", False),
        ("x\n", False),
    ],
)
def test_oci_tag_rule(tag: str, valid: bool) -> None:
    assert is_oci_tag(tag) is valid


def test_tags_are_valid_and_distinct() -> None:
    assert oci_tag_problems(["1.0", "latest"]) == []
    assert oci_tag_problems(["1.0", "1.0", "a:b"]) == [
        "image tag 2 '1.0' is given twice; list it once",
        "image tag 3 'a:b' is not a valid OCI tag (1-128 characters of a-z, A-Z, 0-9, '_',"
        " '.', '-', not starting with '.' or '-')",
    ]
    assert split_image("host:5000/org/x:1.0") == ("host:5000/org/x", "1.0")


def test_the_image_is_tagged_with_the_version() -> None:
    manifest = copy.deepcopy(MANIFEST)
    manifest["custom"]["gear-builder"]["image"] = "org/sample-gear:1.3.0"
    [problem] = manifest_problems(manifest)
    assert str(problem).startswith("custom.gear-builder.image: 'org/sample-gear:1.3.0' must be")


def test_a_huge_field_is_quoted_short() -> None:
    manifest = copy.deepcopy(MANIFEST)
    manifest["description"] = 5 * ["x" * 1_000_000]
    manifest["name"] = "N" * 5_000_000
    problems = [str(p) for p in manifest_problems(manifest)]
    assert len(problems) == 3 and all(len(p) < 400 for p in problems), problems
