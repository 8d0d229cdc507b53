"""run_gear as /bin/run uses it: $FLYWHEEL names the gear folder; the exit code is the process's."""

from __future__ import annotations

from pathlib import Path

import pytest

from flywheel_standin import StandIn
from gear_pytest.fixtures_gear import GearDir, GearDirFactory, gear_manifest, run_gear_process

SAMPLE_GEARS = Path(__file__).with_name("sample_gears.py")
MANIFEST = gear_manifest(
    {
        "dry_run": {"type": "boolean", "default": False},
        "admin_group": {"type": "string", "default": "nacc"},
        "apikey_path_prefix": {"type": "string", "enum": [""], "default": ""},
    },
    {"project_file": {"base": "file"}, "api-key": {"base": "api-key"}},
)


@pytest.fixture
def gear_dir(gear_dir_factory: GearDirFactory, standin: StandIn) -> GearDir:
    return gear_dir_factory(
        MANIFEST,
        {"dry_run": True},
        files={"project_file": ("projects.yaml", "project: Tau")},
        api_key=standin.api_key("run-gear-secret-5150"),
    )


def test_success_exits_0_and_writes_output(gear_dir: GearDir, standin: StandIn) -> None:
    result = run_gear_process(gear_dir, SAMPLE_GEARS, ["report"])
    assert result.exit_code == 0, result.output
    assert (gear_dir.output_dir / "report.json").read_text() == (
        '{"dry_run": true, "admin_group": "nacc", "apikey_path_prefix": "",'
        ' "project_file": "project: Tau", "user": "admin@example.org",'
        ' "destination": {"type": "project", "id": "project-1"}}'
    )
    assert "report written for admin@example.org" in result.stdout
    assert [r.path for r in standin.requests] == ["/api/auth/status", "/api/users/self"]


def test_work_failed_exits_1_with_one_line(gear_dir: GearDir) -> None:
    result = run_gear_process(gear_dir, SAMPLE_GEARS, ["failing"])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if "ERROR" in line]
    assert len(errors) == 1
    assert errors[0].endswith("could not process projects.yaml")
    assert "Traceback" not in result.output


def test_main_exit_code_is_the_process_exit_code(gear_dir: GearDir) -> None:
    assert run_gear_process(gear_dir, SAMPLE_GEARS, ["exit3"]).exit_code == 3
