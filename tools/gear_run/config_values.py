"""Config values for config.json: the manifest's defaults plus `KEY=VALUE` overrides.

Each override is parsed by the type the manifest declares for the key (`boolean`: one of
BOOLEAN_SPELLINGS, any case; `integer`; `number`; `string` as given; `array`: a JSON array),
then checked against the key's declaration (enum, minimum, pattern, ...). Every problem is
reported at once.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import jsonschema

from gear_run.errors import RunError
from gear_spec import declared_config, missing_defaults
from manifest_rules import schema_error_text
from message_quotes import cut_text, quoted

NAME_LIMIT = 60  # characters of a name or value shown back from the command line

TRUE_WORDS = ("true", "yes", "on", "1")
FALSE_WORDS = ("false", "no", "off", "0")
BOOLEAN_SPELLINGS = f"{'/'.join(TRUE_WORDS)} or {'/'.join(FALSE_WORDS)}, any case"
ARRAY_EXAMPLE = '["a", "b"]'


def split_assignments(items: Iterable[str], what: str) -> tuple[dict[str, str], list[str]]:
    """`["a=1", "b=x=y"]` -> `{"a": "1", "b": "x=y"}`, and a problem for every item without
    `=` or whose name was given before (those are left out)."""
    result: dict[str, str] = {}
    problems = []
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name:
            problems.append(f"--{what} {quoted(item)}: expected NAME=VALUE")
        elif name in result:
            problems.append(f"--{what} {cut_text(name, NAME_LIMIT)}: given twice")
        else:
            result[name] = value
    return result, problems


def parse_assignments(items: Iterable[str], what: str) -> dict[str, str]:
    """`split_assignments`'s values; RunError listing its problems, if any."""
    result, problems = split_assignments(items, what)
    if problems:
        raise RunError("\n".join(problems))
    return result


def parse_value(text: str, declared_type: str) -> Any:
    """`text` as a value of the manifest type `declared_type`; ValueError if it is not one."""
    if declared_type == "boolean":
        word = text.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise ValueError(f"expected {BOOLEAN_SPELLINGS}")
    if declared_type == "integer":
        return _parsed(int, text, "expected a whole number, e.g. 3")
    if declared_type == "number":
        number = _parsed(float, text, "expected a number, e.g. 2.5")
        if not math.isfinite(number):
            raise ValueError("expected a finite number, e.g. 2.5")
        return number
    if declared_type == "array":
        value = _parsed(json.loads, text, f"expected a JSON array, e.g. {ARRAY_EXAMPLE}")
        if not isinstance(value, list):
            raise ValueError(f"expected a JSON array, e.g. {ARRAY_EXAMPLE}")
        return value
    return text


def _parsed(parse: Callable[[str], Any], text: str, expected: str) -> Any:
    try:
        return parse(text)
    except ValueError:
        raise ValueError(expected) from None


def _with_article(type_name: str) -> str:
    return f"an {type_name}" if type_name[:1] in "aeiou" else f"a {type_name}"


def config_from_manifest(
    manifest: Mapping[str, Any], overrides: Mapping[str, str]
) -> dict[str, Any]:
    """The `config` object of config.json; RunError listing every bad override."""
    config, problems = config_and_problems(manifest, overrides)
    if problems:
        raise RunError("\n".join(problems))
    return config


def config_and_problems(
    manifest: Mapping[str, Any], overrides: Mapping[str, str]
) -> tuple[dict[str, Any], list[str]]:
    """The `config` object of config.json from the good overrides, and a line per bad one."""
    declared = declared_config(manifest)
    config = missing_defaults(declared, {})
    problems = []
    for key, text in overrides.items():
        spec = declared.get(key)
        if spec is None:
            known = ", ".join(sorted(declared)) or "none"
            problems.append(
                f"--config {cut_text(key, NAME_LIMIT)}: the manifest declares no such key"
                f" (keys: {known})"
            )
            continue
        try:
            value = parse_value(text, str(spec.get("type")))
        except ValueError as error:
            problems.append(
                f"--config {key}={cut_text(text, NAME_LIMIT)}:"
                f" not {_with_article(str(spec.get('type')))} ({error})"
            )
            continue
        checker = jsonschema.Draft4Validator(
            {k: v for k, v in spec.items() if k not in ("description", "default", "optional")}
        )
        broken = [schema_error_text(error) for error in checker.iter_errors(value)]
        if broken:
            problems.append(f"--config {key}={cut_text(text, NAME_LIMIT)}: {'; '.join(broken)}")
            continue
        config[key] = value
    return config, problems
