"""Reading manifest.json and config.json, filling defaults, SDK env defaults.

The gear folder layout and manifest declarations are tested with gear_spec."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import flywheel.rest
import pytest

from gear_pytest.fixtures_gear import GearDirFactory, gear_manifest
from gear_runner import InvocationError
from gear_runner.defaults import fill_config_defaults
from gear_runner.invocation import read_invocation
from gear_runner.sdk_env import SDK_ENV_DEFAULTS, set_sdk_env_defaults

SECRET = "invocation-secret-4b7d"


def test_reads_manifest_and_config(gear_dir_factory: GearDirFactory) -> None:
    manifest = gear_manifest({"dry_run": {"type": "boolean"}})
    gear_dir = gear_dir_factory(manifest, {"dry_run": True}, destination={"type": "a", "id": "1"})
    invocation = read_invocation(gear_dir.path)
    assert invocation.manifest == manifest
    assert invocation.config == {"dry_run": True}
    assert invocation.inputs == {}
    assert invocation.destination == {"type": "a", "id": "1"}
    assert invocation.declared_config == {"dry_run": {"type": "boolean"}}
    assert invocation.declared_inputs == {}


def test_config_json_is_private(gear_dir_factory: GearDirFactory) -> None:
    gear_dir = gear_dir_factory(gear_manifest(), api_key=f"h:{SECRET}")
    assert gear_dir.config_path.stat().st_mode & 0o777 == 0o600


def test_odd_sections_read_as_empty(gear_dir_factory: GearDirFactory) -> None:
    gear_dir = gear_dir_factory({"config": [], "inputs": 3})
    gear_dir.write_config_json({"config": "x", "inputs": [], "destination": 1})
    invocation = read_invocation(gear_dir.path)
    assert (invocation.config, invocation.inputs, invocation.destination) == ({}, {}, {})
    assert (invocation.declared_config, invocation.declared_inputs) == ({}, {})


def test_missing_config_json(gear_dir_factory: GearDirFactory) -> None:
    gear_dir = gear_dir_factory(gear_manifest())
    gear_dir.config_path.unlink()
    with pytest.raises(InvocationError, match=r"^config\.json: not found at .*config\.json; "):
        read_invocation(gear_dir.path)


def test_missing_manifest(tmp_path: Path) -> None:
    with pytest.raises(InvocationError, match=r"^manifest\.json: not found at "):
        read_invocation(tmp_path)


def test_invalid_json_names_line_and_column_but_not_content(
    gear_dir_factory: GearDirFactory,
) -> None:
    gear_dir = gear_dir_factory(gear_manifest())
    gear_dir.write_config_json('{"inputs": {"api-key": {"key": "h:' + SECRET + '"}},\n oops}')
    with pytest.raises(InvocationError) as raised:
        read_invocation(gear_dir.path)
    message = str(raised.value)
    assert message.startswith("config.json: not valid JSON (")
    assert "line 2 column 2" in message
    assert SECRET not in message


def test_config_json_must_be_an_object(gear_dir_factory: GearDirFactory) -> None:
    gear_dir = gear_dir_factory(gear_manifest())
    gear_dir.write_config_json(json.dumps([1, 2]))
    with pytest.raises(InvocationError, match="must hold a JSON object"):
        read_invocation(gear_dir.path)


def test_unreadable_config_json(gear_dir_factory: GearDirFactory) -> None:
    gear_dir = gear_dir_factory(gear_manifest())
    gear_dir.config_path.unlink()
    gear_dir.config_path.mkdir()
    with pytest.raises(InvocationError, match=r"config\.json: cannot read .* \(Is a directory\)"):
        read_invocation(gear_dir.path)


def test_non_utf8_config_json(gear_dir_factory: GearDirFactory) -> None:
    gear_dir = gear_dir_factory(gear_manifest())
    gear_dir.config_path.write_bytes(b"\xff\xfe{}")
    with pytest.raises(InvocationError, match="not UTF-8 text"):
        read_invocation(gear_dir.path)


def test_defaults_fill_only_missing_keys() -> None:
    declared: dict[str, dict[str, Any]] = {
        "dry_run": {"type": "boolean", "default": False},
        "tags": {"type": "array", "default": ["a"]},
        "note": {"type": "string", "optional": True},
        "group": {"type": "string", "default": "nacc"},
    }
    config_json: dict[str, Any] = {"config": {"group": "other"}}
    assert fill_config_defaults(config_json, declared) == {"dry_run": False, "tags": ["a"]}
    assert config_json["config"] == {"group": "other", "dry_run": False, "tags": ["a"]}
    config_json["config"]["tags"].append("b")
    assert declared["tags"]["default"] == ["a"]  # the manifest's default is not shared


def test_defaults_create_a_missing_config_section() -> None:
    config_json: dict[str, Any] = {}
    assert fill_config_defaults(config_json, {"x": {"type": "integer", "default": 1}}) == {"x": 1}
    assert config_json == {"config": {"x": 1}}
    assert fill_config_defaults({"config": [1]}, {"x": {"default": 1}}) == {}


def test_sdk_env_defaults_do_not_override() -> None:
    environ = {"FLYWHEEL_SDK_TOTAL_RETRIES": "0"}
    set_sdk_env_defaults(environ)
    assert environ == {
        "FLYWHEEL_SDK_TOTAL_RETRIES": "0",  # already set: kept
        "FLYWHEEL_SDK_BACKOFF_FACTOR": "1.875",
        "FLYWHEEL_SDK_BACKOFF_MAX": "30",
        "FLYWHEEL_SDK_CONNECT_TIMEOUT": "10",
        "FLYWHEEL_SDK_REQUEST_TIMEOUT": "120",
    }


def test_sdk_env_names_are_the_ones_flywheel_reads() -> None:
    source = Path(flywheel.rest.__file__).read_text()
    for name in SDK_ENV_DEFAULTS:
        assert f"os.getenv('{name}'" in source
