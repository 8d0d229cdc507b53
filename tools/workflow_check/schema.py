"""Validation against GitHub's workflow and action JSON Schemas, as check-jsonschema ships them.

check-jsonschema's built-in schemas (`vendor.github-workflows`, `vendor.github-actions`) are
files inside its wheel, so this needs no network. Its command line runs in this process (a
Bazel test's subprocess would not find the package) with JSON output, turned into one line per
error: the file, the JSON path and the schema's message.
"""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

import check_jsonschema

WORKFLOW_SCHEMA = "vendor.github-workflows"
ACTION_SCHEMA = "vendor.github-actions"


def schema_for(path: Path) -> str:
    """The built-in schema of a file under .github/: local actions are action.yml files."""
    return ACTION_SCHEMA if path.stem == "action" else WORKFLOW_SCHEMA


def run_check_jsonschema(schema: str, files: Sequence[Path]) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `check-jsonschema --builtin-schema SCHEMA -o json -v FILE...`
    (verbose: every error under a failed alternative is listed)."""
    argv = ["--builtin-schema", schema, "--output-format", "json", "--verbose", *map(str, files)]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = check_jsonschema.main.main(
            args=argv, prog_name="check-jsonschema", standalone_mode=False
        )
    return int(code or 0), out.getvalue(), err.getvalue()


def _shortened(message: object, limit: int = 240) -> str:
    text = " ".join(str(message).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _error_line(error: dict[str, Any], schema: str, shown: str) -> str:
    """One error; for a failed choice (oneOf, anyOf), the deepest error under it, which is
    nearly always the key that is wrong, rather than the whole failed object."""
    where = error.get("path", "$")
    if not error.get("has_sub_errors"):
        return f"{where}: {_shortened(error.get('message'))} ({schema})"
    candidates = [*error.get("sub_errors", []), error.get("best_deep_match") or {}]
    deepest = max(candidates, key=lambda sub: len(str(sub.get("path", ""))))
    return (
        f"{where}: fits none of the schema's choices; deepest error: "
        f"{deepest.get('path', where)}: {_shortened(deepest.get('message'))} "
        f"(all: check-jsonschema --builtin-schema {schema} --verbose {shown})"
    )


def schema_problems(files: Sequence[Path], root: Path) -> list[str]:
    """One line per schema error or unreadable file, each prefixed with its relative path."""
    problems: list[str] = []
    for schema in (WORKFLOW_SCHEMA, ACTION_SCHEMA):
        chosen = [path for path in files if schema_for(path) == schema]
        if not chosen:
            continue
        shown = {str(p): str(p.relative_to(root) if p.is_relative_to(root) else p) for p in chosen}
        code, out, err = run_check_jsonschema(schema, chosen)
        try:
            report = cast(dict[str, Any], json.loads(out)) if out.strip() else {}
        except json.JSONDecodeError:
            report = {}
        if code != 0 and not report.get("errors") and not report.get("parse_errors"):
            reason = (err.strip() or out.strip() or f"exit {code}").splitlines()[0]
            problems.append(f"check-jsonschema --builtin-schema {schema} failed: {reason}")
            continue
        for parse_error in report.get("parse_errors", []):
            name = shown.get(parse_error["filename"], parse_error["filename"])
            message = " ".join(str(parse_error["message"]).split())
            problems.append(f"{name}: not valid YAML: {message}")
        for error in report.get("errors", []):
            name = shown.get(error["filename"], error["filename"])
            problems.append(f"{name}: {_error_line(error, schema, name)}")
    return problems
