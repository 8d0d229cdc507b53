"""GearArgs: typed config and input access, checked against the manifest declarations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gear_runner import (
    ConfigValues,
    GearArgs,
    InputValues,
    InvocationError,
    UndeclaredKey,
    WrongKeyKind,
)

DECLARED: dict[str, dict[str, Any]] = {
    "dry_run": {"type": "boolean", "default": False},
    "admin_group": {"type": "string", "default": "nacc"},
    "count": {"type": "integer", "default": 3},
    "ratio": {"type": "number", "default": 0.5},
    "whole": {"type": "integer", "default": 2},
    "tags": {"type": "array", "default": []},
    "note": {"type": "string", "optional": True},
    "flag": {"type": "boolean", "optional": True},
    "limit": {"type": "integer", "optional": True},
    "scale": {"type": "number", "optional": True},
    "names": {"type": "array", "optional": True},
}
VALUES = {
    "dry_run": True,
    "admin_group": "admins",
    "count": 7,
    "ratio": 0.25,
    "whole": 2,
    "tags": ["a", "b"],
    "flag": False,
    "limit": 9,
    "scale": 2,
    "names": ["x"],
}


@pytest.fixture
def config() -> ConfigValues:
    return ConfigValues(DECLARED, VALUES)


def test_typed_values(config: ConfigValues) -> None:
    assert config.bool("dry_run") is True
    assert config.str("admin_group") == "admins"
    assert config.int("count") == 7
    assert config.float("ratio") == 0.25
    assert config.float("whole") == 2.0
    assert isinstance(config.float("whole"), float)
    assert config.list("tags") == ["a", "b"]


def test_optional_values_present_and_absent(config: ConfigValues) -> None:
    assert config.optional_str("note") is None
    assert config.optional_bool("flag") is False
    assert config.optional_int("limit") == 9
    assert config.optional_float("scale") == 2.0
    assert config.optional_list("names") == ["x"]
    empty = ConfigValues(DECLARED, {})
    assert empty.optional_bool("flag") is None
    assert empty.optional_int("limit") is None
    assert empty.optional_float("scale") is None
    assert empty.optional_list("names") is None
    assert config.optional_bool("dry_run") is True  # a required key read optionally is fine


def test_undeclared_key_is_a_gear_bug(config: ConfigValues) -> None:
    with pytest.raises(UndeclaredKey, match=r"'dryrun' is not declared in manifest\.json"):
        config.bool("dryrun")
    assert UndeclaredKey.show_traceback


def test_accessor_must_match_the_declared_type(config: ConfigValues) -> None:
    with pytest.raises(WrongKeyKind, match="declared as 'boolean'"):
        config.str("dry_run")
    with pytest.raises(WrongKeyKind, match="optional"):
        config.str("note")


def test_required_value_missing_is_an_invocation_error() -> None:
    with pytest.raises(InvocationError, match=r"config\.count: required value is missing"):
        ConfigValues(DECLARED, {}).int("count")


INPUTS_DECLARED: dict[str, dict[str, Any]] = {
    "project_file": {"base": "file"},
    "extra_file": {"base": "file", "optional": True},
    "api-key": {"base": "api-key"},
}


def inputs_for(tmp_path: Path, values: dict[str, object]) -> InputValues:
    return InputValues(INPUTS_DECLARED, values, tmp_path / "input")


def test_input_paths_and_file_object(tmp_path: Path) -> None:
    project = tmp_path / "input" / "project_file" / "p.yaml"
    project.parent.mkdir(parents=True)
    project.write_text("x")
    value = {"location": {"path": str(project), "name": "p.yaml"}, "object": {"size": 1}}
    inputs = inputs_for(tmp_path, {"project_file": value})
    assert inputs.path("project_file") == project
    assert inputs.optional_path("project_file") == project
    assert inputs.optional_path("extra_file") is None
    assert inputs.file_object("project_file") == {"size": 1}
    assert inputs.file_object("extra_file") == {}


def test_input_errors(tmp_path: Path) -> None:
    inputs = inputs_for(tmp_path, {"project_file": {"location": {"path": "/nope", "name": "x"}}})
    with pytest.raises(UndeclaredKey, match="input 'projectfile' is not declared"):
        inputs.path("projectfile")
    with pytest.raises(WrongKeyKind, match="'api-key' input, not a file"):
        inputs.path("api-key")
    with pytest.raises(WrongKeyKind, match="optional_path"):
        inputs.path("extra_file")
    with pytest.raises(InvocationError, match="the input file does not exist"):
        inputs.path("project_file")
    with pytest.raises(InvocationError, match="required input is missing"):
        inputs_for(tmp_path, {}).path("project_file")
    with pytest.raises(InvocationError, match="must be a file input object"):
        inputs_for(tmp_path, {"project_file": "p.yaml"}).path("project_file")


def test_client_is_required_to_exist(tmp_path: Path) -> None:
    args = GearArgs(
        config=ConfigValues({}, {}),
        inputs=inputs_for(tmp_path, {}),
        output_dir=tmp_path,
        work_dir=tmp_path,
    )
    with pytest.raises(InvocationError, match="declares no api-key input"):
        _ = args.client
    client = object()
    args.flywheel_client = client
    assert args.client is client
