"""Manifest and config.json checks: every problem at once, each naming its field; no key shown."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from gear_pytest.fixtures_gear import GearDirFactory, gear_manifest
from gear_runner.invocation import read_invocation
from gear_runner.validation import (
    api_key_inputs,
    invocation_problems,
    manifest_problems,
    resolve_input_path,
)

KEY = "127.0.0.1:9:__force_insecure:validation-secret-77a1"
CONFIG = {
    "dry_run": {"type": "boolean", "default": False},
    "level": {"type": "integer", "minimum": 1, "optional": True},
    "apikey_path_prefix": {"type": "string", "enum": ["", "/prod/flywheel/gearbot"], "default": ""},
}
INPUTS = {"project_file": {"base": "file"}, "api-key": {"base": "api-key"}}
MANIFEST = gear_manifest(CONFIG, INPUTS)


def problems_for(gear_dir_factory: GearDirFactory, **kwargs: Any) -> list[str]:
    gear_dir = gear_dir_factory(MANIFEST, **kwargs)
    return invocation_problems(read_invocation(gear_dir.path))


def test_valid_invocation_has_no_problem(gear_dir_factory: GearDirFactory) -> None:
    assert (
        problems_for(
            gear_dir_factory,
            config={"dry_run": True, "apikey_path_prefix": ""},
            files={"project_file": ("p.yaml", "x: 1")},
            api_key=KEY,
        )
        == []
    )


def test_every_problem_is_reported_with_its_field(gear_dir_factory: GearDirFactory) -> None:
    problems = problems_for(
        gear_dir_factory,
        config={"dry_run": "yes", "apikey_path_prefix": "/etc", "level": 0, "extra": 1, "more": 2},
        api_key=KEY,
    )
    assert len(problems) == 6, problems
    text = "\n".join(problems)
    assert "config.dry_run: 'yes' is not of type 'boolean' [rule: type]" in text
    assert "config.apikey_path_prefix: '/etc' is not one of" in text
    assert "config.level: 0 is less than the minimum of 1 [rule: minimum]" in text
    assert "config.extra: not declared in the manifest [rule: additionalProperties]" in text
    assert "config.more: not declared in the manifest" in text
    assert "inputs.project_file: required input is missing [rule: required]" in text
    assert all(line.startswith("config.json: ") for line in problems)


def test_missing_required_config_value(gear_dir_factory: GearDirFactory) -> None:
    problems = problems_for(
        gear_dir_factory, config={"dry_run": False}, files={"project_file": ("p", "")}, api_key=KEY
    )
    assert problems == [
        "config.json: config.apikey_path_prefix: required value is missing [rule: required];"
        " add it to config.json, or give it a default in the manifest"
    ]


def test_api_key_input_value_never_appears(gear_dir_factory: GearDirFactory) -> None:
    problems = problems_for(
        gear_dir_factory,
        config={"dry_run": False, "apikey_path_prefix": ""},
        files={"project_file": ("p.yaml", "")},
        inputs={"api-key": KEY},  # a bare string instead of {"base": "api-key", "key": ...}
    )
    assert len(problems) == 1
    assert problems[0].startswith("config.json: inputs.api-key: must be an object")
    assert "validation-secret" not in problems[0]


def test_malformed_api_key_is_a_problem(gear_dir_factory: GearDirFactory) -> None:
    problems = problems_for(
        gear_dir_factory,
        config={"dry_run": False, "apikey_path_prefix": ""},
        files={"project_file": ("p.yaml", "")},
        api_key="validation-secret-without-host",
    )
    assert len(problems) == 1
    assert "inputs.api-key.key: the API key has no ':' separator" in problems[0]
    assert "validation-secret" not in problems[0]


def test_input_file_must_exist(gear_dir_factory: GearDirFactory) -> None:
    gear_dir = gear_dir_factory(
        MANIFEST,
        config={"dry_run": False, "apikey_path_prefix": ""},
        files={"project_file": ("p.yaml", "x")},
        api_key=KEY,
    )
    (gear_dir.path / "input" / "project_file" / "p.yaml").unlink()
    problems = invocation_problems(read_invocation(gear_dir.path))
    assert len(problems) == 1
    assert "inputs.project_file.location.path: file" in problems[0]
    assert "put the file under input/project_file/" in problems[0]


def test_input_path_falls_back_to_the_gear_folder(tmp_path: Path) -> None:
    (tmp_path / "project_file").mkdir()
    (tmp_path / "project_file" / "p.yaml").write_text("x")
    value = {"location": {"path": "/flywheel/v0/input/project_file/p.yaml", "name": "p.yaml"}}
    assert resolve_input_path(tmp_path, "project_file", value) == tmp_path / "project_file/p.yaml"
    assert resolve_input_path(tmp_path, "project_file", {"location": "nowhere"}) is None
    assert resolve_input_path(tmp_path, "other", value) is None


def test_valid_manifest_has_no_problem() -> None:
    assert manifest_problems(MANIFEST) == []
    assert api_key_inputs(MANIFEST) == ["api-key"]
    assert api_key_inputs({"inputs": "nonsense"}) == []


def test_manifest_schema_errors_are_all_listed() -> None:
    manifest = copy.deepcopy(MANIFEST)
    manifest["outputs"] = {}
    manifest["config"]["dry_run"] = {"default": False}
    del manifest["license"]
    problems = manifest_problems(manifest)
    assert len(problems) == 3, problems
    assert all(line.startswith("manifest.json: ") for line in problems)
    text = "\n".join(problems)
    assert "'outputs' was unexpected" in text
    assert "'license' is a required property" in text
    assert "config.dry_run" in text


def test_bot_prefix_needs_an_enum() -> None:
    manifest = copy.deepcopy(MANIFEST)
    manifest["config"]["apikey_path_prefix"] = {"type": "string", "default": ""}
    assert manifest_problems(manifest) == [
        "manifest.json: config.apikey_path_prefix: needs an 'enum' of allowed SSM prefixes"
        ' (e.g. ["", "/prod/flywheel/gearbot"]) so a job cannot pick any parameter'
    ]


def test_bot_prefix_needs_an_api_key_input() -> None:
    manifest = gear_manifest(CONFIG, {"project_file": {"base": "file"}})
    problems = manifest_problems(manifest)
    assert len(problems) == 1
    assert problems[0].startswith("manifest.json: inputs: a gear with config apikey_path_prefix")
