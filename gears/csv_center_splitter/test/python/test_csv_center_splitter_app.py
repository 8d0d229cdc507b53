"""csv-center-splitter end to end: the real flywheel-sdk against the local Flywheel stand-in."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from csv_center_splitter_app import run as run_module
from csv_center_splitter_app.main import REPORT_FILE
from gear_pytest.fixtures_gear import GearDirFactory, run_gear_process
from gear_pytest.fixtures_standin import StandInFactory
from gear_runner import execute_gear

GEAR = Path(__file__).parents[2]
MANIFEST: dict[str, Any] = json.loads((GEAR / "src/docker/manifest.json").read_text())
SEED: dict[str, Any] = yaml.safe_load((GEAR / "data/standin-seed.yaml").read_text())
RUN_PY = Path(run_module.__file__)


def example_files() -> dict[str, tuple[str, str]]:
    """Each file input's example from data/ (input `my_file` -> data/my-file.txt)."""
    names = [name for name, spec in MANIFEST["inputs"].items() if spec["base"] == "file"]
    examples = {name: GEAR / "data" / f"{name.replace('_', '-')}.txt" for name in names}
    return {name: (path.name, path.read_text()) for name, path in examples.items()}


def test_the_gear_reports_the_flywheel_user_it_runs_as(
    standin_factory: StandInFactory, gear_dir_factory: GearDirFactory
) -> None:
    standin = standin_factory(SEED)
    gear_dir = gear_dir_factory(MANIFEST, api_key=standin.api_key(), files=example_files())

    result = run_gear_process(gear_dir, RUN_PY)

    assert result.exit_code == 0, result.output
    report = json.loads((gear_dir.output_dir / REPORT_FILE).read_text())
    assert report["user"] == SEED["users"][0]["id"]
    assert sorted(report["inputs"]) == sorted(example_files())
    assert any(r.path == "/api/users/self" for r in standin.reads())
    assert standin.writes() == []


def test_main_runs_in_process_too(
    standin_factory: StandInFactory, gear_dir_factory: GearDirFactory
) -> None:
    standin = standin_factory(SEED)
    gear_dir = gear_dir_factory(MANIFEST, api_key=standin.api_key(), files=example_files())
    assert execute_gear(run_module.main, gear_dir.path) == 0
    assert (gear_dir.output_dir / REPORT_FILE).is_file()


def test_an_unreachable_flywheel_exits_1_with_one_line(
    standin_factory: StandInFactory, gear_dir_factory: GearDirFactory
) -> None:
    standin = standin_factory(SEED)
    api_key = standin.api_key()
    standin.stop()
    gear_dir = gear_dir_factory(MANIFEST, api_key=api_key, files=example_files())

    result = run_gear_process(gear_dir, RUN_PY)

    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert not (gear_dir.output_dir / REPORT_FILE).exists()


def test_a_job_without_an_api_key_is_refused_before_any_request(
    gear_dir_factory: GearDirFactory,
) -> None:
    gear_dir = gear_dir_factory(MANIFEST, files=example_files())

    result = run_gear_process(gear_dir, RUN_PY)

    assert result.exit_code == 2, result.output
    assert "api-key" in result.output
