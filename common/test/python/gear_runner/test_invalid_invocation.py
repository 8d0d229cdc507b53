"""Acceptance: a bad config.json exits 2, lists every problem by field, and sends no request."""

from __future__ import annotations

from pathlib import Path

from flywheel_standin import StandIn
from gear_pytest.fixtures_gear import GearDirFactory, gear_manifest, run_gear_process

SAMPLE_GEARS = Path(__file__).with_name("sample_gears.py")
MANIFEST = gear_manifest(
    {
        "dry_run": {"type": "boolean", "default": False},
        "admin_group": {"type": "string", "default": "nacc"},
        "apikey_path_prefix": {
            "type": "string",
            "enum": ["", "/prod/flywheel/gearbot"],
            "default": "",
        },
        "debug": {"type": "boolean", "default": False},
    },
    {"project_file": {"base": "file"}, "api-key": {"base": "api-key"}},
)


def test_four_problems_exit_2_and_no_request(
    gear_dir_factory: GearDirFactory, standin: StandIn
) -> None:
    gear_dir = gear_dir_factory(
        MANIFEST,
        {
            "dry_run": "yes",  # wrong type
            "apikey_path_prefix": "/somewhere/else",  # outside the enum
            "colour": "blue",  # unknown key
        },  # and no project_file input: missing required input
        api_key=standin.api_key("invalid-invocation-secret-11"),
    )
    result = run_gear_process(gear_dir, SAMPLE_GEARS, ["report"])
    assert result.exit_code == 2, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR: ")]
    assert errors[0] == "ERROR: 4 problems; nothing was sent to Flywheel:"
    problems = errors[1:]
    assert len(problems) == 4, result.stderr
    fields = ["config.dry_run", "config.apikey_path_prefix", "config.colour", "inputs.project_file"]
    for field in fields:
        assert sum(f"config.json: {field}: " in line for line in problems) == 1, field
    assert "'yes' is not of type 'boolean' [rule: type]" in result.stderr
    assert "'/somewhere/else' is not one of ['', '/prod/flywheel/gearbot'] [rule: enum]" in (
        result.stderr
    )
    assert "not declared in the manifest [rule: additionalProperties]" in result.stderr
    assert "required input is missing [rule: required]" in result.stderr
    assert "Traceback" not in result.output
    assert "invalid-invocation-secret" not in result.output
    assert standin.requests == []
    assert list(gear_dir.output_dir.iterdir()) == []


def test_broken_config_json_exits_2_with_one_line(
    gear_dir_factory: GearDirFactory, standin: StandIn
) -> None:
    gear_dir = gear_dir_factory(MANIFEST, {}, api_key=standin.api_key("broken-json-secret-22"))
    gear_dir.write_config_json('{"config": {}, "inputs": {"api-key": "broken-json-secret-22"')
    result = run_gear_process(gear_dir, SAMPLE_GEARS, ["report"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("ERROR: config.json: not valid JSON (")
    assert "broken-json-secret" not in result.output
    assert standin.requests == []
