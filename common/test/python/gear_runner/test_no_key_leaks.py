"""Acceptance: with debug logging and an error path, the key shows up nowhere."""

from __future__ import annotations

from pathlib import Path

from flywheel_standin import StandIn
from gear_pytest.fixtures_gear import GearDirFactory, gear_manifest, run_gear_process

SAMPLE_GEARS = Path(__file__).with_name("sample_gears.py")
SECRET = "leak-check-secret-8d3f61a2"
MANIFEST = gear_manifest(
    {
        "dry_run": {"type": "boolean", "default": False},
        "debug": {"type": "boolean", "default": False},
    },
    {"project_file": {"base": "file"}, "api-key": {"base": "api-key"}},
)


def output_files_text(folder: Path) -> str:
    return "".join(path.read_text() for path in folder.rglob("*") if path.is_file())


def test_key_is_in_no_log_output_file_or_argument(
    gear_dir_factory: GearDirFactory, standin: StandIn
) -> None:
    key = standin.api_key(SECRET)
    gear_dir = gear_dir_factory(
        MANIFEST, {"debug": True}, files={"project_file": ("p.yaml", "a: 1")}, api_key=key
    )
    result = run_gear_process(gear_dir, SAMPLE_GEARS, ["leaky"])
    assert result.exit_code == 1
    # The gear really logged at every level, at debug, and failed with the key in its message.
    assert "Log level is DEBUG" in result.stdout
    assert "debug: key=*** secret=***" in result.stderr
    assert "info: key=***" in result.stdout
    assert "warning: secret ***" in result.stdout
    assert "RuntimeError: something broke while using ***" in result.stderr
    assert "a new client's handler sees ***" in result.stderr
    assert SECRET not in result.stdout
    assert SECRET not in result.stderr
    assert key not in result.output
    assert (gear_dir.output_dir / "report.json").exists()
    assert SECRET not in output_files_text(gear_dir.output_dir)
    assert SECRET not in output_files_text(gear_dir.path / "work")
    assert not any(SECRET in argument for argument in result.argv)
    assert gear_dir.config_path.stat().st_mode & 0o777 == 0o600


def test_rejected_key_error_does_not_show_it(
    gear_dir_factory: GearDirFactory, standin: StandIn
) -> None:
    standin.load({"keys": ["some-other-key"]})
    key = standin.api_key(SECRET)
    gear_dir = gear_dir_factory(
        MANIFEST, {"debug": True}, files={"project_file": ("p.yaml", "a: 1")}, api_key=key
    )
    result = run_gear_process(gear_dir, SAMPLE_GEARS, ["report"])
    assert result.exit_code == 2
    assert "rejected the key (HTTP 401)" in result.stderr
    assert "Traceback" not in result.output
    assert SECRET not in result.output
