"""Fill the templates in templates/ (string.Template `${name}` placeholders) for one gear."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from string import Template
from typing import Any

from gear_spec import BOT_PREFIX_KEY

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


def test_imports(app: str) -> str:
    """The test's first-party imports."""
    return import_block(
        [
            "from gear_pytest.fixtures_gear import GearDirFactory, run_gear_process",
            "from gear_pytest.fixtures_standin import StandInFactory",
            "from gear_runner import execute_gear",
            f"from {app} import run as run_module",
            f"from {app}.main import REPORT_FILE",
        ]
    )


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


def manifest_text(values: Mapping[str, str], inputs: Sequence[str], *, gear_bot: bool) -> str:
    """manifest.json: the template plus the file inputs and, for a gear bot, its prefix."""
    manifest = json.loads(render("manifest.json.tmpl", values))
    for name in inputs:
        manifest["inputs"][name] = {
            "base": "file",
            "description": f"The {name.replace('_', ' ')} (describe the file the gear expects)",
        }
    if gear_bot:
        manifest["config"][BOT_PREFIX_KEY] = dict(GEAR_BOT_DIRECTIVE)
    return json.dumps(manifest, indent=2) + "\n"


def example_input_text(name: str, gear_name: str) -> str:
    """The example file for input `name` in data/ (`./dev run --example` gives it to the gear)."""
    return f"Example {name.replace('_', ' ')} for {gear_name}: replace with a real one.\n"
