"""The config usage check over a gear tree: unread, undeclared and non-literal keys."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from config_usage import check_gear, check_usage
from config_usage.cli import main

RUN_PY = """from gear_runner import GearArgs, run_gear


def main(args: GearArgs) -> int:
    print(args.client)
    return run(
        project_file=args.inputs.path("project_file"),
        dry_run=args.config.bool("dry_run"),
        level=args.config.optional_int("level"),
    )
"""


def manifest(**extra_config: Any) -> dict[str, Any]:
    return {
        "name": "sample-gear",
        "inputs": {
            "project_file": {"base": "file"},
            "api-key": {"base": "api-key"},
        },
        "config": {
            "dry_run": {"type": "boolean", "default": False},
            "level": {"type": "integer", "optional": True},
            "apikey_path_prefix": {"type": "string", "enum": [""], "default": ""},
            "debug": {"type": "boolean", "default": False},
            **extra_config,
        },
    }


def make_gear(root: Path, manifest_data: dict[str, Any], run_py: str = RUN_PY) -> Path:
    gear = root / "gears" / "sample_gear"
    (gear / "src" / "docker").mkdir(parents=True)
    (gear / "src" / "docker" / "manifest.json").write_text(json.dumps(manifest_data))
    app = gear / "src" / "python" / "sample_gear_app"
    app.mkdir(parents=True)
    (app / "__init__.py").write_text("")
    (app / "run.py").write_text(run_py)
    return gear


def test_a_gear_reading_exactly_its_declared_keys_passes(tmp_path: Path) -> None:
    make_gear(tmp_path, manifest())
    assert check_usage(tmp_path) == []


def test_an_unused_config_option_fails_naming_it(tmp_path: Path) -> None:
    make_gear(tmp_path, manifest(new_only={"type": "boolean", "default": False}))
    assert check_usage(tmp_path) == [
        "gear sample_gear: gears/sample_gear/src/docker/manifest.json: config.new_only is"
        " declared but gears/sample_gear/src/python never reads it; read it with"
        ' args.config.bool("new_only") or remove it'
    ]


def test_an_unused_input_fails_naming_it(tmp_path: Path) -> None:
    data = manifest()
    data["inputs"]["extra_file"] = {"base": "file", "optional": True}
    make_gear(tmp_path, data)
    (problem,) = check_usage(tmp_path)
    assert "inputs.extra_file is declared" in problem
    assert 'args.inputs.optional_path("extra_file")' in problem


def test_an_undeclared_read_names_file_line_and_key(tmp_path: Path) -> None:
    run_py = RUN_PY.replace('args.config.bool("dry_run")', 'args.config.bool("dryrun")')
    data = manifest()
    gear = make_gear(tmp_path, data, run_py)
    problems = check_gear(gear, tmp_path)
    assert problems == [
        "gear sample_gear: gears/sample_gear/src/python/sample_gear_app/run.py:8: reads"
        " config.dryrun, which gears/sample_gear/src/docker/manifest.json does not declare;"
        " declare it there or fix the name",
        "gear sample_gear: gears/sample_gear/src/docker/manifest.json: config.dry_run is"
        " declared but gears/sample_gear/src/python never reads it; read it with"
        ' args.config.bool("dry_run") or remove it',
    ]


def test_a_boolean_read_with_str_fails_naming_the_right_accessor(tmp_path: Path) -> None:
    run_py = RUN_PY.replace('args.config.bool("dry_run")', 'args.config.str("dry_run")')
    make_gear(tmp_path, manifest(), run_py)
    assert check_usage(tmp_path) == [
        "gear sample_gear: gears/sample_gear/src/python/sample_gear_app/run.py:8:"
        ' config.str("dry_run") cannot read config.dry_run:'
        " gears/sample_gear/src/docker/manifest.json has it declared as 'boolean', which str"
        ' does not read (string); read it with args.config.bool("dry_run")'
    ]


@pytest.mark.parametrize(
    ("declared", "call", "right"),
    [
        ({"type": "string", "default": ""}, "config.bool", "args.config.str"),
        ({"type": "number", "default": 1.5}, "config.int", "args.config.float"),
        ({"type": "array", "default": []}, "config.optional_str", "args.config.list"),
        ({"type": "integer", "optional": True}, "config.int", "args.config.optional_int"),
    ],
)
def test_each_mistyped_read_is_a_problem(
    tmp_path: Path, declared: dict[str, Any], call: str, right: str
) -> None:
    run_py = RUN_PY + f'\n\ndef other(args: GearArgs) -> object:\n    return args.{call}("x")\n'
    make_gear(tmp_path, manifest(x=declared), run_py)
    (problem,) = check_usage(tmp_path)
    assert f'{call}("x") cannot read config.x' in problem
    assert problem.endswith(f'read it with {right}("x")')


def test_reads_the_runtime_accepts_pass(tmp_path: Path) -> None:
    run_py = RUN_PY + (
        "\n\ndef other(args: GearArgs) -> object:\n"
        '    return args.config.float("n"), args.config.optional_bool("b"),'
        ' args.inputs.file_object("f"), args.inputs.optional_path("f")\n'
    )
    data = manifest(n={"type": "integer", "default": 1}, b={"type": "boolean", "default": True})
    data["inputs"]["f"] = {"base": "file", "optional": True}
    make_gear(tmp_path, data, run_py)
    assert check_usage(tmp_path) == []


def test_an_optional_input_read_with_path_is_a_problem(tmp_path: Path) -> None:
    run_py = RUN_PY + '\n\ndef other(args: GearArgs) -> object:\n    return args.inputs.path("f")\n'
    data = manifest()
    data["inputs"]["f"] = {"base": "file", "optional": True}
    make_gear(tmp_path, data, run_py)
    (problem,) = check_usage(tmp_path)
    assert 'inputs.path("f") cannot read inputs.f' in problem
    assert problem.endswith('read it with args.inputs.optional_path("f")')


def test_a_non_literal_key_is_a_problem_with_its_line(tmp_path: Path) -> None:
    run_py = (
        RUN_PY
        + "\n\ndef other(args: GearArgs, key: str) -> str:\n    return args.config.str(key)\n"
    )
    make_gear(tmp_path, manifest(), run_py)
    (problem,) = check_usage(tmp_path)
    assert problem.startswith(
        "gear sample_gear: gears/sample_gear/src/python/sample_gear_app/run.py:14:"
    )
    assert "config.str(...) key is not a string literal" in problem


def test_runtime_keys_count_as_read_but_undeclared_runtime_reads_do_not(tmp_path: Path) -> None:
    data = manifest()
    del data["config"]["debug"]
    run_py = (
        RUN_PY + '\n\ndef verbose(args: GearArgs) -> bool:\n    return args.config.bool("debug")\n'
    )
    make_gear(tmp_path, data, run_py)
    (problem,) = check_usage(tmp_path)
    assert "reads config.debug, which" in problem


def test_unreadable_manifest_and_unparsable_code_are_reported(tmp_path: Path) -> None:
    gear = make_gear(tmp_path, manifest(), "def broken(:\n")
    problems = check_gear(gear, tmp_path)
    assert problems[0] == (
        "gear sample_gear: gears/sample_gear/src/python/sample_gear_app/run.py:1: cannot parse"
        " (invalid syntax)"
    )
    (gear / "src/docker/manifest.json").write_text("{not json")
    (problem,) = check_gear(gear, tmp_path)
    assert problem.startswith(
        "gear sample_gear: gears/sample_gear/src/docker/manifest.json, line 1, column 2:"
        " not valid JSON"
    )


def test_no_gears_folder_means_nothing_to_check(tmp_path: Path) -> None:
    assert check_usage(tmp_path) == []


def test_the_command_line_prints_problems_and_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gear = make_gear(tmp_path, manifest(extra={"type": "string", "default": ""}))
    assert main(["--root", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert "config.extra is declared" in captured.err
    assert captured.out == "config usage: 1 problem(s)\n"
    (gear / "src/docker/manifest.json").write_text(json.dumps(manifest()))
    assert main(["--root", str(tmp_path), str(gear)]) == 0
    assert capsys.readouterr().out == "config usage: ok\n"
