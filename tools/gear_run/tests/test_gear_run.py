"""gear_run: config values, the gear folder, example inputs, keys, and a local run."""

from __future__ import annotations

import io
import json
import shutil
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from gear_pytest.fixtures_gear import gear_manifest
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
from gear_run.run_folders import new_run_folder
from gear_run.summary import output_summary

MANIFEST: dict[str, Any] = {
    **gear_manifest(
        {
            "dry_run": {"type": "boolean", "default": False},
            "mode": {"type": "string", "enum": ["a", "b"], "default": "a"},
            "count": {"type": "integer", "minimum": 1, "default": 1},
            "ratio": {"type": "number", "default": 0.5},
            "names": {"type": "array", "default": []},
            "note": {"type": "string", "optional": True},
        },
        {
            "project_file": {"base": "file", "type": {"enum": ["source code", "text"]}},
            "api-key": {"base": "api-key"},
        },
        name="tiny",
    ),
    "environment": {"FLYWHEEL": "/flywheel/v0", "GREETING": "hello"},
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


@pytest.fixture
def runs(tmp_path: Path) -> Path:
    """The runs root of every local run in these tests: inside tmp_path, nothing in /tmp."""
    return tmp_path / "runs"


def only_run_folder(runs: Path) -> Path:
    folders = list(runs.iterdir())
    assert len(folders) == 1, folders
    return folders[0]


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
            {
                "dryrun": "1",
                "dry_run": "maybe",
                "mode": "c",
                "count": "0",
                "names": "{}",
                "ratio": "half",
            },
        )
    lines = str(raised.value).splitlines()
    assert lines == [
        "--config dryrun: the manifest declares no such key"
        " (keys: count, dry_run, mode, names, note, ratio)",
        "--config dry_run=maybe: not a boolean"
        " (expected true/yes/on/1 or false/no/off/0, any case)",
        "--config mode=c: 'c' is not one of ['a', 'b']",
        "--config count=0: 0 is less than the minimum of 1",
        '--config names={}: not an array (expected a JSON array, e.g. ["a", "b"])',
        "--config ratio=half: not a number (expected a number, e.g. 2.5)",
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [(w, True) for w in ("true", "TRUE", "Yes", "on", "1")]
    + [(w, False) for w in ("false", "False", "NO", "off", "0")],
)
def test_every_boolean_spelling_the_message_lists_is_accepted(text: str, value: bool) -> None:
    assert config_from_manifest(MANIFEST, {"dry_run": text})["dry_run"] is value


@pytest.mark.parametrize(
    ("key", "text", "expected"),
    [
        ("dry_run", "maybe", "expected true/yes/on/1 or false/no/off/0, any case"),
        ("dry_run", "y", "expected true/yes/on/1 or false/no/off/0, any case"),
        ("count", "2.5", "expected a whole number, e.g. 3"),
        ("ratio", "nan", "expected a finite number, e.g. 2.5"),
        ("names", "[", 'expected a JSON array, e.g. ["a", "b"]'),
    ],
)
def test_a_rejected_value_gets_the_accepted_forms(key: str, text: str, expected: str) -> None:
    with pytest.raises(RunError) as raised:
        config_from_manifest(MANIFEST, {key: text})
    assert str(raised.value).endswith(f"({expected})")
    assert "\n" not in str(raised.value)


def test_gear_folder_has_a_private_config_and_copied_inputs(
    tmp_path: Path, tiny: LocalGear
) -> None:
    source = tiny.data_dir / "project-file.yaml"
    folder = write_gear_folder(
        tmp_path / "run", tiny.manifest_path, {"count": 1}, {"project_file": source}, "h:secret"
    )
    assert folder.config.stat().st_mode & 0o777 == 0o600
    config = json.loads(folder.config.read_text())
    copied = folder.gear_dir / "input" / "project_file" / "project-file.yaml"
    assert copied.read_text() == "project: P\n"
    assert config["inputs"]["project_file"]["location"] == {
        "path": str(copied),
        "name": "project-file.yaml",
    }
    assert config["inputs"]["project_file"]["object"]["type"] == "source code"
    assert config["inputs"]["api-key"] == {"base": "api-key", "key": "h:secret"}
    assert config["config"] == {"count": 1}
    assert folder.output_dir.is_dir() and (folder.gear_dir / "work").is_dir()
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


def test_keys_come_through_user_key_and_errors_are_run_errors(tmp_path: Path) -> None:
    key_file = tmp_path / "key"
    key_file.write_text("host:file-secret\n")
    assert read_key(key_file, {"FW_API_KEY": "host:env-secret"}) == "host:file-secret"
    assert read_key(None, {"FW_API_KEY": "host:env-secret"}) == "host:env-secret"
    with pytest.raises(RunError, match=r"^the gear needs a Flywheel API key: .*or use --standin$"):
        read_key(None, {})
    with pytest.raises(RunError, match=r"^\$FW_API_KEY: holds more than one word") as raised:
        read_key(None, {"FW_API_KEY": "h:env secret"})
    assert "secret" not in str(raised.value)


def test_dev_run_reports_a_non_utf8_key_file_in_one_line_and_exits_2(
    tiny: LocalGear, tmp_path: Path, runs: Path
) -> None:
    key_file = tmp_path / "key"
    key_file.write_bytes(b"\xff\xfeh:secret")
    options = RunOptions(gear=tiny, runs_root=runs, example=True, api_key_file=key_file)
    with pytest.raises(RunError) as raised:
        run_local(options, io.StringIO(), {})
    assert str(raised.value) == f"--api-key-file {key_file}: not UTF-8 text"
    assert not runs.exists()


def test_local_run_streams_the_log_and_keeps_the_output_it_points_to(
    tiny: LocalGear, runs: Path
) -> None:
    out = io.StringIO()
    env = {"FW_API_KEY": "h:env-secret", "PATH": "/usr/bin:/bin"}
    code = run_local(RunOptions(gear=tiny, runs_root=runs, example=True), out, env)
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
    folder = only_run_folder(runs)
    assert folder.name.startswith("tiny-")
    assert folder.stat().st_mode & 0o777 == 0o700
    lines = log.splitlines()
    assert lines[0] == f"run folder: {folder}"
    assert f"output folder: {folder / 'output'}" in lines
    assert lines[-2:] == [
        "exit code: 0",
        f"run folder kept: {folder} (config.json removed: it held the API key; --keep keeps it)",
    ]
    report = json.loads((folder / "output" / "x-report.json").read_text())
    assert report["totals"] == {"done": 1}
    assert (folder / "work").is_dir()
    assert (folder / "input" / "project_file" / "project-file.yaml").is_file()
    assert not (folder / "config.json").exists()


def test_a_failed_run_keeps_the_folder_without_the_key(tiny: LocalGear, runs: Path) -> None:
    out = io.StringIO()
    env = {"FW_API_KEY": "h:env-secret", "PATH": "/usr/bin:/bin"}
    options = RunOptions(gear=tiny, runs_root=runs, example=True, config={"count": "3"})
    assert run_local(options, out, env) == 2
    folder = only_run_folder(runs)
    lines = out.getvalue().splitlines()
    assert lines[0] == f"run folder: {folder}"
    assert lines[-2] == "exit code: 2"
    assert lines[-1].startswith(f"run folder kept: {folder} (config.json removed")
    assert (folder / "output" / "x-report.json").is_file()
    assert not (folder / "config.json").exists()


def test_keep_keeps_config_json_private_and_says_so(tiny: LocalGear, runs: Path) -> None:
    out = io.StringIO()
    env = {"FW_API_KEY": "h:kept-secret", "PATH": "/usr/bin:/bin"}
    assert run_local(RunOptions(gear=tiny, runs_root=runs, example=True, keep=True), out, env) == 0
    config = only_run_folder(runs) / "config.json"
    assert config.stat().st_mode & 0o777 == 0o600
    assert json.loads(config.read_text())["inputs"]["api-key"]["key"] == "h:kept-secret"
    last = out.getvalue().splitlines()[-1]
    assert last == (
        f"run folder kept: {config.parent} (config.json too, by --keep, mode 0600:"
        " it holds the API key; delete it when done)"
    )
    assert "kept-secret" not in out.getvalue()


def test_config_json_is_removed_even_when_the_run_is_interrupted(
    tiny: LocalGear, runs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: object, **kwargs: object) -> int:
        assert (only_run_folder(runs) / "config.json").is_file()
        raise KeyboardInterrupt

    monkeypatch.setattr("gear_run.local_run.run_gear_process", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run_local(
            RunOptions(gear=tiny, runs_root=runs, example=True),
            io.StringIO(),
            {"FW_API_KEY": "h:k"},
        )
    folder = only_run_folder(runs)
    assert (folder / "manifest.json").is_file() and not (folder / "config.json").exists()


def test_every_run_gets_its_own_folder(tiny: LocalGear, runs: Path) -> None:
    env = {"FW_API_KEY": "h:k", "PATH": "/usr/bin:/bin"}
    for _ in range(2):
        assert (
            run_local(RunOptions(gear=tiny, runs_root=runs, example=True), io.StringIO(), env) == 0
        )
    assert len(list(runs.iterdir())) == 2


def test_run_folders_are_stamped_and_never_reused(tmp_path: Path) -> None:
    now = datetime(2024, 5, 6, 7, 8, 9)
    first = new_run_folder(tmp_path / "a" / "runs", "tiny", now)
    second = new_run_folder(tmp_path / "a" / "runs", "tiny", now)
    third = new_run_folder(tmp_path / "a" / "runs", "tiny", now)
    assert [first.name, second.name, third.name] == [
        "tiny-20240506-070809",
        "tiny-20240506-070809-2",
        "tiny-20240506-070809-3",
    ]
    assert all(folder.is_dir() for folder in (first, second, third))


def test_an_unwritable_runs_root_is_a_run_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(RunError, match=f"cannot create the runs folder {blocker / 'runs'}: "):
        new_run_folder(blocker / "runs", "tiny")


def test_an_unreadable_input_is_one_line_and_leaves_no_run_folder(
    tiny: LocalGear, runs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = shutil.copyfile

    def refuse(source: Path, target: Path) -> object:
        if Path(source).name == "project-file.yaml":
            raise PermissionError(13, "Permission denied", str(source))
        return copy(source, target)

    monkeypatch.setattr("gear_run.gear_folder.shutil.copyfile", refuse)
    options = RunOptions(gear=tiny, runs_root=runs, example=True)
    with pytest.raises(RunError) as raised:
        run_local(options, io.StringIO(), {"FW_API_KEY": "h:k"})
    source = tiny.data_dir / "project-file.yaml"
    assert str(raised.value) == (
        f"--input project_file={source}: cannot copy it (Permission denied)"
    )
    assert list(runs.iterdir()) == []


def test_option_conflicts_are_errors(tiny: LocalGear, tmp_path: Path, runs: Path) -> None:
    both = RunOptions(gear=tiny, runs_root=runs, standin=True, api_key_file=tmp_path)
    with pytest.raises(RunError, match="not both"):
        run_local(both, io.StringIO(), {})
    seed_only = RunOptions(gear=tiny, runs_root=runs, seed=tmp_path)
    with pytest.raises(RunError, match="--seed needs --standin"):
        run_local(seed_only, io.StringIO(), {"FW_API_KEY": "h:k"})
    (tiny.data_dir / "project-file.yaml").unlink()
    with pytest.raises(RunError, match="no example input files"):
        run_local(
            RunOptions(gear=tiny, runs_root=runs, example=True),
            io.StringIO(),
            {"FW_API_KEY": "h:k"},
        )
    assert not runs.exists()


def test_a_bad_seed_is_a_run_error(tiny: LocalGear, tmp_path: Path, runs: Path) -> None:
    seed = tmp_path / "seed.yaml"
    seed.write_text("- not a mapping\n")
    with pytest.raises(RunError, match="--seed: "):
        run_local(RunOptions(gear=tiny, runs_root=runs, standin=True, seed=seed), io.StringIO(), {})


def test_a_multi_document_seed_is_one_line_naming_file_line_and_column(
    tiny: LocalGear, tmp_path: Path, runs: Path
) -> None:
    seed = tmp_path / "seed.yaml"
    seed.write_text("groups: []\n---\nusers: []\n")
    options = RunOptions(gear=tiny, runs_root=runs, standin=True, seed=seed)
    with pytest.raises(RunError) as raised:
        run_local(options, io.StringIO(), {})
    assert str(raised.value) == (
        f"--seed: {seed}, line 2, column 1: a second YAML document starts here;"
        " a seed is one document (remove the '---')"
    )


def test_a_broken_example_seed_is_named_as_the_stand_in_seed(tiny: LocalGear, runs: Path) -> None:
    seed = tiny.data_dir / "standin-seed.yaml"
    seed.write_text("groups: [{id: g\n")
    options = RunOptions(gear=tiny, runs_root=runs, standin=True, example=True)
    with pytest.raises(RunError) as raised:
        run_local(options, io.StringIO(), {})
    message = str(raised.value)
    assert message.startswith(f"stand-in seed: {seed}, line 2, column 1: ")
    assert message.endswith("; fix the YAML syntax") and "\n" not in message


def test_output_summary_without_files(tmp_path: Path) -> None:
    assert output_summary(tmp_path / "absent") == ["output: no files"]


def test_output_summary_names_the_gear_and_an_interruption(tmp_path: Path) -> None:
    report = {
        "gear": "project-management",
        "version": "0.1.0",
        "dry_run": False,
        "interrupted": "SIGTERM",
        "totals": {"done": 1, "records": 1, "failed": 1},
        "failures": [{"scope": "run", "reason": "interrupted: SIGTERM"}],
        "records": [],
        "context": {},
    }
    (tmp_path / "project-management-report.json").write_text(json.dumps(report))
    lines = output_summary(tmp_path)
    assert "  gear: project-management 0.1.0" in lines
    assert "  interrupted by SIGTERM: the run stopped before its end" in lines
    assert "  failed: run: interrupted: SIGTERM" in lines
