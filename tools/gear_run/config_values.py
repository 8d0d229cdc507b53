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

TRUE_WORDS = ("true", "yes", "on", "1")
FALSE_WORDS = ("false", "no", "off", "0")
BOOLEAN_SPELLINGS = f"{'/'.join(TRUE_WORDS)} or {'/'.join(FALSE_WORDS)}, any case"
ARRAY_EXAMPLE = '["a", "b"]'


def parse_assignments(items: Iterable[str], what: str) -> dict[str, str]:
    """`["a=1", "b=x=y"]` -> `{"a": "1", "b": "x=y"}`; RunError for an item without `=`."""
    result: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise RunError(f"--{what} {item!r}: expected NAME=VALUE")
        if name in result:
            raise RunError(f"--{what} {name}: given twice")
        result[name] = value
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
    declared = declared_config(manifest)
    config = missing_defaults(declared, {})
    problems = []
    for key, text in overrides.items():
        spec = declared.get(key)
        if spec is None:
            known = ", ".join(sorted(declared)) or "none"
            problems.append(f"--config {key}: the manifest declares no such key (keys: {known})")
            continue
        try:
            value = parse_value(text, str(spec.get("type")))
        except ValueError as error:
            problems.append(
                f"--config {key}={text}: not {_with_article(str(spec.get('type')))} ({error})"
            )
            continue
        checker = jsonschema.Draft4Validator(
            {k: v for k, v in spec.items() if k not in ("description", "default", "optional")}
        )
        broken = [error.message for error in checker.iter_errors(value)]
        if broken:
            problems.append(f"--config {key}={text}: {'; '.join(broken)}")
            continue
        config[key] = value
    if problems:
        raise RunError("\n".join(problems))
    return config
