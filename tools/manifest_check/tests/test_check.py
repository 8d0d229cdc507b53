"""The manifest check: the gear spec, agreement with BUILD values, and its command line."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from gear_pytest.fixtures_gear import gear_manifest
from manifest_check import cli
from manifest_check.agreement import Mismatch, mismatches, short_repository, split_image
from manifest_check.check import check_manifest

REPO = "index.docker.io/naccdata/sample-gear"
TAGS = ["1.2.0", "latest"]


def good_manifest() -> dict[str, Any]:
    return gear_manifest(
        {"dry_run": {"type": "boolean", "default": False}},
        {"api-key": {"base": "api-key"}},
        version="1.2.0",
        owner="naccdata",
    )


def write(tmp_path: Path, manifest: dict[str, Any]) -> Path:
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps(manifest))
    return path


def test_agreeing_manifest_passes(tmp_path: Path) -> None:
    assert check_manifest(write(tmp_path, good_manifest()), "sample-gear", REPO, TAGS) == []


@pytest.mark.parametrize(
    ("field", "change"),
    [
        ("name", lambda m: m.update(name="other-gear")),
        ("version", lambda m: m.update(version="1.2.1")),
        ("custom.gear-builder.image", lambda m: m["custom"]["gear-builder"].update(image="x:1")),
        ("command", lambda m: m.update(command="/flywheel/v0/run")),
    ],
)
def test_each_disagreement_names_its_field(tmp_path: Path, field: str, change: Any) -> None:
    manifest = good_manifest()
    change(manifest)
    problems = check_manifest(write(tmp_path, manifest), "sample-gear", REPO, TAGS)
    assert any(f": {field}: manifest has" in line for line in problems), problems
    assert all(line.startswith(str(tmp_path / "manifest.json")) for line in problems)


def test_build_tag_change_fails_on_version_and_image(tmp_path: Path) -> None:
    problems = check_manifest(write(tmp_path, good_manifest()), "sample-gear", REPO, ["1.3.0"])
    fields = {line.split(": ")[1] for line in problems}
    assert fields == {"version", "custom.gear-builder.image"}
    assert "'1.3.0'" in problems[0]


def test_registry_with_port_is_kept_in_the_image(tmp_path: Path) -> None:
    manifest = good_manifest()
    manifest["custom"]["gear-builder"]["image"] = "localhost:5000/org/sample-gear:1.2.0"
    path = write(tmp_path, manifest)
    assert check_manifest(path, "sample-gear", "localhost:5000/org/sample-gear", TAGS) == []
    assert check_manifest(path, "sample-gear", "localhost:5001/org/sample-gear", TAGS) != []


def test_every_schema_error_is_reported(tmp_path: Path) -> None:
    manifest = good_manifest()
    del manifest["license"]
    manifest["outputs"] = {}
    manifest["config"]["mode"] = {"type": "string", "enum": ["a", "b"], "default": "c"}
    manifest["config"]["untyped"] = {"default": 1}
    problems = check_manifest(write(tmp_path, manifest), "sample-gear", REPO, TAGS)
    text = "\n".join(problems)
    assert "'license' is a required property" in text
    assert "'outputs' was unexpected" in text
    assert "config.mode.default: 'c' is not one of ['a', 'b']" in text
    assert "config.untyped" in text and "'type' is a required property" in text


def test_unreadable_manifest_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "manifest.json"
    path.write_text("{not json")
    (line,) = check_manifest(path, "sample-gear", REPO, TAGS)
    assert "not valid JSON" in line and "line 1" in line
    (missing,) = check_manifest(tmp_path / "nope.json", "sample-gear", REPO, TAGS)
    assert "cannot read the manifest" in missing
    path.write_bytes(b'{"name": "\xff"}')
    (latin,) = check_manifest(path, "sample-gear", REPO, TAGS)
    assert "not UTF-8 text" in latin


def test_repository_helpers() -> None:
    assert short_repository("index.docker.io/naccdata/x") == "naccdata/x"
    assert short_repository("docker.io/naccdata/x") == "naccdata/x"
    assert short_repository("ghcr.io/naccdata/x") == "ghcr.io/naccdata/x"
    assert split_image("host:5000/org/x:1.0") == ("host:5000/org/x", "1.0")
    assert split_image("host:5000/org/x") == ("host:5000/org/x", None)


def test_cli_copies_only_a_passing_manifest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, good_manifest())
    out = tmp_path / "checked.json"
    args = ["--manifest", str(path), "--name", "sample-gear", "--repository", REPO]
    assert cli.main([*args, "--tag", "1.2.0", "--tag", "latest", "--out", str(out)]) == 0
    assert json.loads(out.read_text()) == good_manifest()
    out.unlink()
    assert cli.main([*args, "--tag", "9.9.9", "--out", str(out)]) == 1
    assert not out.exists()
    assert "manifest check: 2 problem(s)" in capsys.readouterr().err


def test_an_image_without_tag_or_host_splits_into_itself() -> None:
    assert split_image("plain") == ("plain", None)


@pytest.mark.parametrize(
    ("field", "value"),
    [("name", "a-gear"), ("name", "z-gear"), ("command", "/bin/bash"), ("command", "/bin/sh")],
)
def test_any_other_name_or_command_is_a_mismatch(field: str, value: str) -> None:
    manifest = good_manifest() | {field: value}
    found = mismatches(manifest, name="sample-gear", repository=REPO, tags=TAGS)
    assert [(m.field, m.manifest_value) for m in found] == [(field, value)]


def test_a_manifest_without_custom_has_no_image() -> None:
    manifest = good_manifest()
    del manifest["custom"]
    found = mismatches(manifest, name="sample-gear", repository=REPO, tags=TAGS)
    assert found == [
        Mismatch("custom.gear-builder.image", None, "naccdata/sample-gear:1.2.0"),
    ]


def test_the_version_is_compared_with_the_first_tag() -> None:
    found = mismatches(good_manifest(), name="sample-gear", repository=REPO, tags=["2.0.0", "x"])
    assert found[0] == Mismatch("version", "1.2.0", "first image tag '2.0.0' of ['2.0.0', 'x']")
    with pytest.raises(dataclasses.FrozenInstanceError):
        found[0].field = "other"  # type: ignore[misc]
    with pytest.raises(TypeError):  # keyword-only: name, repository and tags never swap
        mismatches(good_manifest(), "sample-gear", REPO, TAGS)  # type: ignore[call-arg]
