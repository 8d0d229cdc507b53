"""`./dev run GEAR --standin --gear-bot`: the example gear reads its bot key from a local SSM
(moto) that holds a key for the stand-in under the manifest's prefix, and says so in its log."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from dev_cli.main import main
from gear_run import LocalGear, RunError, RunOptions, run_local
from gear_run.gear_bot import bot_prefix

PARAMETER = "/prod/flywheel/gearbot/apikey"


@pytest.fixture
def runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DEV_RUNS_DIR", str(tmp_path / "runs"))
    for name in ("AWS_PROFILE", "AWS_ENDPOINT_URL_SSM", "AWS_DEFAULT_REGION"):
        monkeypatch.delenv(name, raising=False)  # the run must not need them
    return tmp_path / "runs"


def test_the_example_gear_runs_with_the_gear_bot_key(
    runs: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    argv = ["run", "project_management", "--example", "--standin", "--gear-bot"]
    code = main([*argv, "--config", "dry_run=true"])
    out = capfd.readouterr().out
    assert code == 0, out
    assert "gear bot: local SSM http://127.0.0.1:" in out
    assert f"holds {PARAMETER} (a key for the stand-in)" in out
    assert f"API key: the gear bot's, from SSM parameter '{PARAMETER}'" in out
    assert "__force_insecure" not in out  # the key itself never shows
    (folder,) = runs.iterdir()
    report = json.loads((folder / "output" / "project-management-report.json").read_text())
    assert report["dry_run"] is True


def test_without_gear_bot_the_log_names_the_jobs_own_key(
    runs: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    code = main(["run", "project_management", "--example", "--standin", "--config", "dry_run=true"])
    out = capfd.readouterr().out
    assert code == 0, out
    assert "API key: the job's own (input api-key), for http://127.0.0.1:" in out
    assert "gear bot" not in out


def test_gear_bot_needs_the_stand_in_and_a_prefix_option(
    runs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["run", "project_management", "--example", "--gear-bot"]) == 2
    assert "--gear-bot needs --standin" in capsys.readouterr().err
    with pytest.raises(RunError, match="declares no config apikey_path_prefix"):
        bot_prefix({"config": {}}, {})
    with pytest.raises(RunError, match="no non-empty enum value"):
        bot_prefix({"config": {"apikey_path_prefix": {"type": "string", "enum": [""]}}}, {})
    manifest = {"config": {"apikey_path_prefix": {"type": "string", "enum": ["", "/a", "/b"]}}}
    assert bot_prefix(manifest, {}) == "/a"
    assert bot_prefix(manifest, {"apikey_path_prefix": "/b"}) == "/b"


def test_a_gear_without_the_option_is_refused_before_anything_runs(
    tmp_path: Path, runs: Path
) -> None:
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({"name": "tiny", "config": {}, "inputs": {}}))
    gear = LocalGear("tiny", manifest, tmp_path / "run.py", tmp_path, (tmp_path,), tmp_path)
    options = RunOptions(gear=gear, runs_root=runs, standin=True, gear_bot=True)
    with pytest.raises(RunError, match="--gear-bot: the manifest declares no config"):
        run_local(options, io.StringIO())
    assert not runs.exists()
