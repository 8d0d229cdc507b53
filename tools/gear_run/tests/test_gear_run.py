"""gear_run: config values, the gear folder, example inputs, keys, and a local run."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from gear_run import (
    LocalGear,
    RunError,
    RunOptions,
    config_from_manifest,
    example_inputs,
    example_seed,
    parse_assignments,
    run_local,
    write_gear_folder,
)
from gear_run.local_run import read_key
from gear_run.summary import output_summary

MANIFEST: dict[str, Any] = {
    "name": "tiny",
    "label": "Tiny",
    "description": "A gear for tests.",
    "version": "1.0.0",
    "author": "Tests",
    "license": "MIT",
    "source": "",
    "url": "",
    "command": "/bin/run",
    "environment": {"FLYWHEEL": "/flywheel/v0", "GREETING": "hello"},
    "config": {
        "dry_run": {"type": "boolean", "default": False},
        "mode": {"type": "string", "enum": ["a", "b"], "default": "a"},
        "count": {"type": "integer", "minimum": 1, "default": 1},
        "ratio": {"type": "number", "default": 0.5},
        "names": {"type": "array", "default": []},
        "note": {"type": "string", "optional": True},
    },
    "inputs": {
        "project_file": {"base": "file", "type": {"enum": ["source code", "text"]}},
        "api-key": {"base": "api-key"},
    },
    "custom": {"gear-builder": {"category": "utility", "image": "org/tiny:1.0.0"}},
}
# A stand-in for a gear's run.py: prints what it was given, writes a report, exits as told.
RUN_PY = """\
import json, os, sys
from pathlib import Path
folder = Path(os.environ["FLYWHEEL"])
config = json.loads((folder / "config.json").read_text())
print("cwd", os.getcwd() == str(folder), "greeting", os.environ.get("GREETING"))
print("key env", "FW_API_KEY" in os.environ)
print("inputs", sorted(config["inputs"]))
report = {"totals": {"done": 1}, "records": [
    {"operation": "create_group", "path": "alpha", "payload": {"id": "alpha"}, "outcome": "done"}
], "failures": []}
(folder / "output" / "x-report.json").write_text(json.dumps(report))
sys.exit(int(config["config"]["count"]) - 1)
"""


@pytest.fixture
def tiny(tmp_path: Path) -> LocalGear:
    root = tmp_path / "tiny"
    (root / "data").mkdir(parents=True)
    (root / "manifest.json").write_text(json.dumps(MANIFEST))
    (root / "run.py").write_text(RUN_PY)
    (root / "data" / "project-file.yaml").write_text("project: P\n")
    return LocalGear(
        name="tiny",
        manifest_path=root / "manifest.json",
        run_script=root / "run.py",
        data_dir=root / "data",
        import_roots=(tmp_path,),
        python=Path(sys.executable),
    )


def test_parse_assignments() -> None:
    assert parse_assignments(["a=1", "b=x=y", "c="], "config") == {"a": "1", "b": "x=y", "c": ""}
    with pytest.raises(RunError, match="expected NAME=VALUE"):
        parse_assignments(["novalue"], "config")
    with pytest.raises(RunError, match="given twice"):
        parse_assignments(["a=1", "a=2"], "input")


def test_config_starts_from_defaults_and_parses_overrides_by_type() -> None:
    assert config_from_manifest(MANIFEST, {}) == {
        "dry_run": False,
        "mode": "a",
        "count": 1,
        "ratio": 0.5,
        "names": [],
    }
    config = config_from_manifest(
        MANIFEST,
        {
            "dry_run": "yes",
            "mode": "b",
            "count": "3",
            "ratio": "2.5",
            "names": '["x"]',
            "note": "n",
        },
    )
    assert config == {
        "dry_run": True,
        "mode": "b",
        "count": 3,
        "ratio": 2.5,
        "names": ["x"],
        "note": "n",
    }
    assert config_from_manifest(MANIFEST, {"dry_run": "off"})["dry_run"] is False


def test_every_bad_override_is_reported_at_once() -> None:
    with pytest.raises(RunError) as raised:
        config_from_manifest(
            MANIFEST,
            {"dryrun": "1", "dry_run": "maybe", "mode": "c", "count": "0", "names": "{}"},
        )
    lines = str(raised.value).splitlines()
    assert lines[0].startswith("--config dryrun: the manifest declares no such key")
    assert lines[1].startswith("--config dry_run=maybe: not a boolean")
    assert lines[2] == "--config mode=c: 'c' is not one of ['a', 'b']"
    assert lines[3] == "--config count=0: 0 is less than the minimum of 1"
    assert lines[4].startswith("--config names={}: not a array")


def test_gear_folder_has_a_private_config_and_copied_inputs(
    tmp_path: Path, tiny: LocalGear
) -> None:
    source = tiny.data_dir / "project-file.yaml"
    folder = write_gear_folder(
        tmp_path / "run", tiny.manifest_path, {"count": 1}, {"project_file": source}, "h:secret"
    )
    assert folder.config.stat().st_mode & 0o777 == 0o600
    config = json.loads(folder.config.read_text())
    copied = folder.path / "input" / "project_file" / "project-file.yaml"
    assert copied.read_text() == "project: P\n"
    assert config["inputs"]["project_file"]["location"] == {
        "path": str(copied),
        "name": "project-file.yaml",
    }
    assert config["inputs"]["project_file"]["object"]["type"] == "source code"
    assert config["inputs"]["api-key"] == {"base": "api-key", "key": "h:secret"}
    assert config["config"] == {"count": 1}
    assert folder.output_dir.is_dir() and (folder.path / "work").is_dir()
    assert json.loads(folder.manifest.read_text()) == MANIFEST


def test_unknown_or_missing_inputs_are_errors(tmp_path: Path, tiny: LocalGear) -> None:
    with pytest.raises(RunError) as raised:
        write_gear_folder(
            tmp_path / "run",
            tiny.manifest_path,
            {},
            {"project": tmp_path / "x", "project_file": tmp_path / "missing.yaml"},
            None,
        )
    lines = str(raised.value).splitlines()
    assert lines == [
        "--input project: the manifest has no such file input (project_file)",
        f"--input project_file={tmp_path / 'missing.yaml'}: no such file",
    ]


def test_examples_follow_the_naming_convention(tiny: LocalGear, tmp_path: Path) -> None:
    assert example_inputs(MANIFEST, tiny.data_dir) == {
        "project_file": tiny.data_dir / "project-file.yaml"
    }
    assert example_inputs(MANIFEST, tmp_path / "nothing") == {}
    assert example_seed(tiny.data_dir) is None
    (tiny.data_dir / "standin-seed.yaml").write_text("groups: []\n")
    assert example_seed(tiny.data_dir) == tiny.data_dir / "standin-seed.yaml"


def test_keys_come_from_a_file_or_the_environment_never_the_message(tmp_path: Path) -> None:
    key_file = tmp_path / "key"
    key_file.write_text("  host:file-secret\n")
    assert read_key(key_file, {"FW_API_KEY": "host:env-secret"}) == "host:file-secret"
    assert read_key(None, {"FW_API_KEY": "host:env-secret"}) == "host:env-secret"
    with pytest.raises(RunError, match="needs a Flywheel API key"):
        read_key(None, {})
    key_file.write_text("\n")
    with pytest.raises(RunError, match="the file is empty"):
        read_key(key_file, {})
    with pytest.raises(RunError, match="No such file"):
        read_key(tmp_path / "absent", {})


def test_local_run_streams_the_log_and_returns_the_exit_code(tiny: LocalGear) -> None:
    out = io.StringIO()
    env = {"FW_API_KEY": "h:env-secret", "PATH": "/usr/bin:/bin"}
    code = run_local(RunOptions(gear=tiny, example=True), out, env)
    log = out.getvalue()
    assert code == 0
    assert "cwd True greeting hello" in log
    assert "key env False" in log
    assert "inputs ['api-key', 'project_file']" in log
    assert "output: x-report.json" in log
    assert "totals: done 1" in log
    assert "create_group" in log
    assert "exit code: 0" in log
    assert "env-secret" not in log
    folder = Path(log.split("gear folder removed: ")[1].split(" ")[0])
    assert not folder.exists()


def test_a_failed_run_keeps_the_folder_without_the_key(tiny: LocalGear) -> None:
    out = io.StringIO()
    env = {"FW_API_KEY": "h:env-secret", "PATH": "/usr/bin:/bin"}
    code = run_local(RunOptions(gear=tiny, example=True, config={"count": "3"}), out, env)
    assert code == 2
    log = out.getvalue()
    folder = Path(log.split("kept for inspection (without config.json): ")[1].strip())
    assert (folder / "output" / "x-report.json").is_file()
    assert not (folder / "config.json").exists()


def test_keep_keeps_everything(tiny: LocalGear) -> None:
    out = io.StringIO()
    env = {"FW_API_KEY": "h:k", "PATH": "/usr/bin:/bin"}
    assert run_local(RunOptions(gear=tiny, example=True, keep=True), out, env) == 0
    folder = Path(out.getvalue().split("gear folder kept: ")[1].split(" ")[0])
    assert (folder / "config.json").is_file()


def test_option_conflicts_are_errors(tiny: LocalGear, tmp_path: Path) -> None:
    with pytest.raises(RunError, match="not both"):
        run_local(RunOptions(gear=tiny, standin=True, api_key_file=tmp_path), io.StringIO(), {})
    with pytest.raises(RunError, match="--seed needs --standin"):
        run_local(RunOptions(gear=tiny, seed=tmp_path), io.StringIO(), {"FW_API_KEY": "h:k"})
    (tiny.data_dir / "project-file.yaml").unlink()
    with pytest.raises(RunError, match="no example input files"):
        run_local(RunOptions(gear=tiny, example=True), io.StringIO(), {"FW_API_KEY": "h:k"})


def test_a_bad_seed_is_a_run_error(tiny: LocalGear, tmp_path: Path) -> None:
    seed = tmp_path / "seed.yaml"
    seed.write_text("- not a mapping\n")
    with pytest.raises(RunError, match="--seed: "):
        run_local(RunOptions(gear=tiny, standin=True, seed=seed), io.StringIO(), {})


def test_output_summary_without_files(tmp_path: Path) -> None:
    assert output_summary(tmp_path / "absent") == ["output: no files"]
