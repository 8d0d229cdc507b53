"""Check the manifest and config.json before any network call, reporting every problem at once.

config.json is checked with fw-gear's invocation schema (derived from the manifest), plus what
the schema cannot say: input files exist, api-key inputs hold a well-formed key, and the gear
bot prefix is an allow-listed value. No message quotes an api-key input's value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import jsonschema
from fw_gear.invocation_schema import derive_invocation_schema

from gear_keys import ApiKey, ApiKeyFormatError
from gear_runner.invocation import Invocation
from gear_spec import input_names
from manifest_rules import manifest_problems as shared_manifest_problems
from manifest_rules import schema_error_text
from message_quotes import cut_text, quoted

FIELD_LIMIT = 120

_REQUIRED = re.compile(r"^'(?P<name>.+)' is a required property$")
FIX_BY_RULE = {
    "type": "give a value of that JSON type",
    "enum": "use one of the listed values",
    "required": "add it to config.json, or give it a default in the manifest",
    "additionalProperties": "remove it from config.json, or declare it in the manifest",
    "minimum": "use a larger value",
    "maximum": "use a smaller value",
    "pattern": "use a value matching the pattern",
}


def _field(path: Iterable[Any]) -> str:
    """A JSON path as `config.dry_run` / `inputs.project_file.location` (cut short: a key in
    config.json can be any length)."""
    return cut_text(".".join(str(part) for part in path), FIELD_LIMIT) or "(top level)"


def api_key_inputs(manifest: Mapping[str, Any]) -> list[str]:
    """Names of the manifest's api-key inputs."""
    return input_names(manifest, "api-key")


def manifest_problems(manifest: Mapping[str, Any]) -> list[str]:
    """Every way `manifest` breaks the manifest rules (`manifest_rules`, shared with the build's
    manifest check and `./dev check-manifest`)."""
    return [f"manifest.json: {problem}" for problem in shared_manifest_problems(manifest)]


def _describe(error: jsonschema.ValidationError, secret_inputs: Sequence[str]) -> list[str]:
    """Readable lines for one schema error, each naming its field, rule and fix."""
    path = list(error.absolute_path)
    rule = str(error.validator)
    fix = FIX_BY_RULE.get(rule)
    suffix = f" [rule: {rule}]" + (f"; {fix}" if fix else "")
    if rule == "required":
        match = _REQUIRED.match(error.message)
        name = match.group("name") if match else "?"
        what = "input" if path == ["inputs"] else "value"
        hint = " [rule: required]; provide the input file" if what == "input" else suffix
        return [f"config.json: {_field([*path, name])}: required {what} is missing{hint}"]
    if rule == "additionalProperties" and isinstance(error.instance, Mapping):
        known = error.schema.get("properties", {}) if isinstance(error.schema, Mapping) else {}
        extras = sorted(str(key) for key in error.instance if key not in known)
        return [
            f"config.json: {_field([*path, key])}: not declared in the manifest{suffix}"
            for key in extras
        ]
    if len(path) >= 2 and path[0] == "inputs" and path[1] in secret_inputs:
        return [
            f"config.json: {_field(path)}: must be an object"
            ' {"base": "api-key", "key": "<host>:<secret>"}' + f" [rule: {rule}]"
        ]
    return [f"config.json: {_field(path)}: {schema_error_text(error)}{suffix}"]


def _input_file_problems(invocation: Invocation) -> list[str]:
    """A problem for every file input given in config.json whose file is not there."""
    problems = []
    for name, spec in invocation.declared_inputs.items():
        value = invocation.inputs.get(name)
        if spec.get("base") != "file" or not isinstance(value, Mapping):
            continue
        if resolve_input_path(invocation.paths.input_dir, name, value) is None:
            location = value.get("location")
            where = location.get("path") if isinstance(location, Mapping) else None
            problems.append(
                f"config.json: inputs.{name}.location.path: file {quoted(where)} does not exist"
                f" [rule: file exists]; put the file under input/{name}/"
            )
    return problems


def resolve_input_path(input_dir: Path, name: str, value: Mapping[str, Any]) -> Path | None:
    """The file of a file input: `location.path`, else `input/<name>/<location.name>`."""
    location = value.get("location")
    if not isinstance(location, Mapping):
        return None
    candidates = []
    if isinstance(location.get("path"), str):
        candidates.append(Path(location["path"]))
    if isinstance(location.get("name"), str):
        candidates.append(input_dir / name / location["name"])
    return next((path for path in candidates if path.is_file()), None)


def _api_key_problems(invocation: Invocation, names: Sequence[str]) -> list[str]:
    """A problem for every api-key input whose `key` is missing or malformed."""
    problems = []
    for name in names:
        value = invocation.inputs.get(name)
        if not isinstance(value, Mapping):
            continue  # absent or not an object: the schema reports it
        key = value.get("key")
        try:
            ApiKey.parse(key)
        except ApiKeyFormatError as error:
            problems.append(
                f"config.json: inputs.{name}.key: {error} [rule: api key]; launch the job again"
                " so Flywheel provides a key"
            )
    return problems


def invocation_problems(invocation: Invocation) -> list[str]:
    """Every way config.json breaks the manifest (the manifest must be valid)."""
    secret_inputs = api_key_inputs(invocation.manifest)
    validator = jsonschema.Draft4Validator(derive_invocation_schema(invocation.manifest))
    errors = sorted(
        validator.iter_errors(invocation.config_json), key=lambda e: list(map(str, e.path))
    )
    problems = [line for error in errors for line in _describe(error, secret_inputs)]
    problems += _input_file_problems(invocation)
    problems += _api_key_problems(invocation, secret_inputs)
    return problems
