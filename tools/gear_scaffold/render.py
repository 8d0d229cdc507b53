"""Fill the templates in templates/ (string.Template `${name}` placeholders) for one gear."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from string import Template
from typing import Any

from gear_scaffold.names import FileInput
from gear_spec import BOT_PREFIX_KEY, file_type_for

TEMPLATES = Path(__file__).parent / "templates"

GEAR_BOT_DIRECTIVE: dict[str, Any] = {
    "type": "string",
    "enum": ["", "/prod/flywheel/gearbot"],
    "default": "",
    "description": (
        "When set, use the gear bot API key from AWS SSM parameter <prefix>/apikey instead of"
        " the user's key"
    ),
}


def render(template: str, values: Mapping[str, str]) -> str:
    """The named template with every placeholder filled (KeyError for a missing value)."""
    return Template((TEMPLATES / template).read_text(encoding="utf-8")).substitute(values)


def import_block(lines: Sequence[str]) -> str:
    """First-party `from X import Y` lines in one section, sorted by module as ruff's isort does."""
    return "\n".join(sorted(lines, key=lambda line: line.split()[1]))


def run_imports(app: str) -> str:
    """run.py's imports."""
    return import_block(
        ["from gear_runner import GearArgs, run_gear", f"from {app}.main import run"]
    )


def test_imports(app: str, *, gear_bot: bool) -> str:
    """The test's first-party imports."""
    lines = [
        "from gear_pytest.fixtures_gear import GearDirFactory, run_gear_process",
        "from gear_pytest.fixtures_standin import SharedStandIn",
        "from gear_pytest.logs import error_lines",
        "from gear_runner import execute_gear",
        f"from {app} import run as run_module",
        f"from {app}.main import REPORT_FILE",
    ]
    if gear_bot:
        lines.append("from gear_pytest.fixtures_aws import MotoSsm")
    return import_block(lines)


GEAR_BOT_TEST = """

def test_the_gear_bot_key_from_ssm_does_the_work(
    shared_standin: SharedStandIn,
    gear_dir_factory: GearDirFactory,
    moto_ssm: MotoSsm,
    capfd: pytest.CaptureFixture[str],
) -> None:
    standin = shared_standin(SEED)
    prefix = next(p for p in MANIFEST["config"]["apikey_path_prefix"]["enum"] if p)
    parameter = moto_ssm.put_bot_key(prefix, standin.api_key("gear-bot-secret"))
    gear_dir = gear_dir_factory(
        MANIFEST,
        {"apikey_path_prefix": prefix},
        api_key=standin.api_key(),
        files=example_files(),
    )

    assert execute_gear(run_module.main, gear_dir.path) == 0  # moto_ssm set this process's env

    work = [request.key for request in standin.requests if request.path == "/api/users/self"]
    assert work == ["gear-bot-secret"]  # the gear's own requests carried the bot's key

    output = "".join(capfd.readouterr())
    assert f"API key: the gear bot's, from SSM parameter {parameter!r}" in output
    assert "gear-bot-secret" not in output
"""


def gear_bot_test(gear_bot: bool) -> str:
    """The generated test of the gear bot key path (`./dev new-gear --gear-bot`), or nothing."""
    return GEAR_BOT_TEST if gear_bot else ""


def run_arguments(inputs: Sequence[str]) -> str:
    """run.py's keyword arguments for the file inputs, one line each."""
    return "".join(f'        {name}=args.inputs.path("{name}"),\n' for name in inputs)


def main_parameters(inputs: Sequence[str]) -> str:
    """main.run's parameters for the file inputs, one line each."""
    return "".join(f"    {name}: Path,\n" for name in inputs)


def input_files_literal(inputs: Sequence[str]) -> str:
    """`{}` or a formatted dict literal mapping each input name to its parameter."""
    if not inputs:
        return "{}"
    entries = "".join(f'        "{name}": {name},\n' for name in inputs)
    return "{\n" + entries + "    }"


def manifest_text(values: Mapping[str, str], inputs: Sequence[FileInput], *, gear_bot: bool) -> str:
    """manifest.json: the template plus the file inputs (typed by their example's extension)
    and, for a gear bot, its prefix."""
    manifest = json.loads(render("manifest.json.tmpl", values))
    for file_input in inputs:
        name = file_input.name
        manifest["inputs"][name] = {
            "base": "file",
            "description": f"The {name.replace('_', ' ')} (describe the file the gear expects)",
            "type": {"enum": [file_type_for(file_input.extension)]},
        }
    if gear_bot:
        manifest["config"][BOT_PREFIX_KEY] = dict(GEAR_BOT_DIRECTIVE)
    return json.dumps(manifest, indent=2) + "\n"


def example_input_text(file_input: FileInput, gear_name: str) -> str:
    """The example file of an input, in data/ (`./dev run --example` gives it to the gear), in
    the shape its extension promises."""
    what = f"Example {file_input.name.replace('_', ' ')} for {gear_name}: replace with a real one."
    extension = file_input.extension
    if extension in ("csv", "tsv"):
        separator = "," if extension == "csv" else "\t"
        return f"name{separator}note\nexample{separator}{what.replace(separator, ' ')}\n"
    if extension == "json":
        return json.dumps({"note": what}, indent=2) + "\n"
    if extension in ("yaml", "yml"):
        return f'note: "{what}"\n'
    return what + "\n"
