"""The gear end to end in a separate process, as /bin/run runs it, through `./dev run`."""

from __future__ import annotations

import argparse
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dev_cli import cmd_run
from dev_cli.repo import resolve_gear
from flywheel_standin import StandIn
from gear_run import RunOptions, run_local

GEAR_ROOT = Path(__file__).parent.parent.parent
SEED = GEAR_ROOT / "data" / "standin-seed.yaml"
SECRET = "e2e-secret-0123456789"


def dev_run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    cmd_run.add_arguments(parser)
    return cmd_run.run(parser.parse_args(argv))


def options(**changes: Any) -> RunOptions:
    return RunOptions(gear=cmd_run.local_gear(resolve_gear("project-management")), **changes)


def test_dev_run_example_against_the_standin(capsys: pytest.CaptureFixture[str]) -> None:
    assert dev_run(["project_management", "--example", "--standin"]) == 0
    out = capsys.readouterr().out
    assert "exit code: 0" in out
    assert "output: project-management-report.json" in out
    assert "totals: done " in out and "failed 0" in out
    assert "create_group               alpha" in out
    assert "gear folder removed" in out


def test_subprocess_run_creates_then_changes_nothing(
    tmp_path: Path, standin_factory: Callable[..., StandIn]
) -> None:
    site = standin_factory(SEED)
    key_file = tmp_path / "key"
    key_file.write_text(site.api_key(SECRET) + "\n")
    run = options(api_key_file=key_file, example=True, keep=True)
    out = io.StringIO()
    assert run_local(run, out) == 0
    log = out.getvalue()
    assert SECRET not in log
    folder = Path(log.split("gear folder kept: ")[1].split(" ")[0])
    assert (folder / "config.json").stat().st_mode & 0o777 == 0o600
    report = json.loads((folder / "output" / "project-management-report.json").read_text())
    assert report["totals"]["done"] == len(site.writes()) > 0
    groups = {group["id"] for group in site.dump()["groups"]}
    assert groups == {"nacc", "alpha", "beta", "gamma", "delta", "release-tau"}
    site.clear_requests()
    assert run_local(options(api_key_file=key_file, example=True), io.StringIO()) == 0
    assert site.writes() == []


def test_subprocess_dry_run_via_config_flag_writes_nothing(
    tmp_path: Path, standin_factory: Callable[..., StandIn], monkeypatch: pytest.MonkeyPatch
) -> None:
    site = standin_factory(SEED)
    monkeypatch.setenv("FW_API_KEY", site.api_key(SECRET))
    out = io.StringIO()
    assert run_local(options(example=True, config={"dry_run": "yes"}), out) == 0
    assert site.writes() == []
    assert "planned " in out.getvalue()
    assert SECRET not in out.getvalue()


def test_subprocess_invalid_project_file_exits_2_and_keeps_the_folder(
    tmp_path: Path, standin_factory: Callable[..., StandIn]
) -> None:
    site = standin_factory(SEED)
    bad = tmp_path / "project-file.yaml"
    bad.write_text("project: P\nproject-id: p\ncenters: []\ndatatypes: [form]\ncolour: red\n")
    key_file = tmp_path / "key"
    key_file.write_text(site.api_key(SECRET))
    out = io.StringIO()
    assert run_local(options(api_key_file=key_file, inputs={"project_file": bad}), out) == 2
    log = out.getvalue()
    assert "project file, document 1, centers: must list at least one entry" in log
    assert "project file, document 1, colour: unknown key" in log
    assert "Traceback" not in log
    folder = Path(log.split("kept for inspection (without config.json): ")[1].strip())
    assert folder.is_dir() and not (folder / "config.json").exists()
    assert site.writes() == []
