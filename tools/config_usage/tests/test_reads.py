"""Finding config and input reads in Python source."""

from __future__ import annotations

from pathlib import Path

from config_usage.reads import reads_in_source

SOURCE = """
from gear_runner import GearArgs

def main(args: GearArgs) -> int:
    name = "dry_run"
    config = args.config
    return run(
        args.client,
        args.inputs.path("project_file"),
        args.inputs.optional_path(key="extra"),
        args.inputs.file_object("project_file"),
        args.inputs.file("input_file"),
        args.config.str("admin_group"),
        config.optional_list("centers"),
        args.config.bool(name),
        args.config.get("not_an_accessor"),
        other.bool("not_config"),
        args.inputs.float("not_an_input_accessor"),
    )
"""


def test_every_accessor_call_is_found_with_its_line() -> None:
    reads = reads_in_source(SOURCE, Path("run.py"))
    assert [(r.kind, r.key, r.line, r.call) for r in reads] == [
        ("input", "project_file", 9, "inputs.path"),
        ("input", "extra", 10, "inputs.optional_path"),
        ("input", "project_file", 11, "inputs.file_object"),
        ("input", "input_file", 12, "inputs.file"),
        ("config", "admin_group", 13, "config.str"),
        ("config", "centers", 14, "config.optional_list"),
        ("config", None, 15, "config.bool"),
    ]


def test_fstring_and_missing_keys_are_not_literals() -> None:
    source = 'args.config.str(f"{x}")\nargs.config.int()\nargs.config.str("a" + "b")\n'
    assert [r.key for r in reads_in_source(source, Path("x.py"))] == [None, None, None]
