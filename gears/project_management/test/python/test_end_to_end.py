"""The gear end to end in a separate process, as /bin/run runs it, through `./dev run`."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from dev_cli import cmd_run
from dev_cli.main import main
from dev_cli.repo import repo_root
from gear_layout import resolve_gear
from gear_pytest.fixtures_standin import StandInFactory
from gear_run import RunOptions, run_local

GEAR_ROOT = Path(__file__).parent.parent.parent
SEED = GEAR_ROOT / "data" / "standin-seed.yaml"
SECRET = "e2e-secret-0123456789"


def dev_run(argv: list[str]) -> int:
    """`./dev run ARGV`, through ./dev's own entry point."""
    return main(["run", *argv])


@pytest.fixture
def runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where this test's run folders go (`./dev run` too, through $DEV_RUNS_DIR): tmp_path."""
    root = tmp_path / "runs"
    monkeypatch.setenv(cmd_run.RUNS_DIR_ENV, str(root))
    return root


def options(runs: Path, **changes: Any) -> RunOptions:
    gear = cmd_run.local_gear(resolve_gear("project-management", repo_root()))
    return RunOptions(gear=gear, runs_root=runs, **changes)


def run_folders(runs: Path) -> list[Path]:
    return sorted(runs.iterdir())


def test_dev_run_example_against_the_standin(
    runs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert dev_run(["project_management", "--example", "--standin"]) == 0
    out = capsys.readouterr().out
    assert "exit code: 0" in out
    assert "output: project-management-report.json" in out
    assert "totals: done " in out and "failed 0" in out
    assert "create_group               alpha" in out
    [folder] = run_folders(runs)
    assert folder.name.startswith("project_management-")
    assert f"run folder: {folder}\n" in out
    report = json.loads((folder / "output" / "project-management-report.json").read_text())
    assert report["totals"]["failed"] == 0 and report["totals"]["done"] > 0
    assert not (folder / "config.json").exists()
    assert "more (see output/project-management-report.json)" in out
    standin_line, exit_line, last_line = out.splitlines()[-3:]
    assert re.fullmatch(r"stand-in: \d+ reads, [1-9]\d* writes", standin_line)
    assert exit_line == "exit code: 0"
    assert last_line == (
        f"run folder kept: {folder} (config.json removed: it held the API key; --keep keeps it)"
    )


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"\xff\xfe" + SECRET.encode(), "not UTF-8 text"),
        (b"  \n", "empty or only whitespace; it must hold the Flywheel API key"),
    ],
)
def test_dev_run_refuses_a_bad_key_file_in_one_line_with_exit_2(
    tmp_path: Path, runs: Path, capsys: pytest.CaptureFixture[str], content: bytes, problem: str
) -> None:
    key_file = tmp_path / "key"
    key_file.write_bytes(content)
    assert dev_run(["project_management", "--example", "--api-key-file", str(key_file)]) == 2
    captured = capsys.readouterr()
    assert captured.err == f"./dev run: --api-key-file {key_file}: {problem}\n"
    assert captured.out == "" and not runs.exists()


def test_dev_run_refuses_a_multi_document_seed_in_one_line_with_exit_2(
    tmp_path: Path, runs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = tmp_path / "seed.yaml"
    seed.write_text(SEED.read_text() + "---\ngroups: []\n")
    line = len(SEED.read_text().splitlines()) + 1
    assert dev_run(["project_management", "--example", "--standin", "--seed", str(seed)]) == 2
    captured = capsys.readouterr()
    assert captured.err == (
        f"./dev run: --seed: {seed}, line {line}, column 1: a second YAML document starts here;"
        " a seed is one document (remove the '---')\n"
    )
    assert not runs.exists()


def test_dev_run_puts_runs_in_the_repository_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(cmd_run.RUNS_DIR_ENV, raising=False)
    assert cmd_run.runs_root() == repo_root() / ".gear-runs"
    assert cmd_run.runs_root({cmd_run.RUNS_DIR_ENV: "/elsewhere"}) == Path("/elsewhere")


def test_subprocess_run_creates_then_changes_nothing(
    tmp_path: Path, runs: Path, standin_factory: StandInFactory
) -> None:
    site = standin_factory(SEED)
    key_file = tmp_path / "key"
    key_file.write_text(site.api_key(SECRET) + "\n")
    run = options(runs, api_key_file=key_file, example=True, keep=True)
    out = io.StringIO()
    assert run_local(run, out) == 0
    log = out.getvalue()
    assert SECRET not in log
    [folder] = run_folders(runs)
    assert f"run folder kept: {folder} (config.json too, by --keep, mode 0600" in log
    assert (folder / "config.json").stat().st_mode & 0o777 == 0o600
    report = json.loads((folder / "output" / "project-management-report.json").read_text())
    assert report["totals"]["done"] == len(site.writes()) > 0
    groups = {group["id"] for group in site.dump()["groups"]}
    assert groups == {"nacc", "alpha", "beta", "gamma", "delta", "release-tau"}
    site.clear_requests()
    assert run_local(options(runs, api_key_file=key_file, example=True), io.StringIO()) == 0
    assert site.writes() == []
    [second] = [other for other in run_folders(runs) if other != folder]
    assert not (second / "config.json").exists()


def test_subprocess_dry_run_via_config_flag_writes_nothing(
    runs: Path, standin_factory: StandInFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = standin_factory(SEED)
    monkeypatch.setenv("FW_API_KEY", site.api_key(SECRET))
    out = io.StringIO()
    assert run_local(options(runs, example=True, config={"dry_run": "yes"}), out) == 0
    assert site.writes() == []
    assert "planned " in out.getvalue()
    assert SECRET not in out.getvalue()


def test_subprocess_invalid_project_file_exits_2_and_keeps_the_folder(
    tmp_path: Path, runs: Path, standin_factory: StandInFactory
) -> None:
    site = standin_factory(SEED)
    bad = tmp_path / "project-file.yaml"
    bad.write_text("project: P\nproject-id: p\ncenters: []\ndatatypes: [form]\ncolour: red\n")
    key_file = tmp_path / "key"
    key_file.write_text(site.api_key(SECRET))
    out = io.StringIO()
    run = options(runs, api_key_file=key_file, inputs={"project_file": bad})
    assert run_local(run, out) == 2
    log = out.getvalue()
    assert "project file, document 1, centers: must list at least one entry" in log
    assert "project file, document 1, colour: unknown key" in log
    assert "Traceback" not in log
    [folder] = run_folders(runs)
    assert folder.is_dir() and not (folder / "config.json").exists()
    assert site.writes() == []


def test_ctrl_c_before_the_gear_starts_is_one_line_and_exit_130(
    runs: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: object, **kwargs: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cmd_run, "run_local", interrupted)
    assert dev_run(["project_management", "--example", "--standin"]) == 130
    assert capsys.readouterr().err == "./dev run: interrupted before the gear started\n"


def test_dev_run_lists_its_own_problems_and_the_gears_together(
    runs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["project_management", "--standin", "--config", "nope=1", "--config", "dry_run=maybe"]
    assert dev_run([*argv, "--config", "broken", "--input", "other=/no/such"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "./dev run: --config 'broken': expected NAME=VALUE",
        "./dev run: --config nope: the manifest declares no such key"
        " (keys: admin_group, apikey_path_prefix, dry_run, new_only)",
        "./dev run: --config dry_run=maybe: not a boolean"
        " (expected true/yes/on/1 or false/no/off/0, any case)",
        "./dev run: --input other: the manifest has no such file input (project_file)",
        "./dev run: the gear: config.json: inputs.project_file: required input is missing"
        " [rule: required]; provide the input file",
    ]
    assert not runs.exists() or run_folders(runs) == []  # nothing ran
