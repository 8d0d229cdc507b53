"""The workflows and local actions under .github/: GitHub's JSON Schemas, then what they miss.

The schemas (schema.py) check the structure: keys, types, required fields, each step's `uses`
or `run`, a composite action's `shell`. On top, checked with PyYAML, what a schema cannot
express: every `needs` names a job of the workflow and the jobs have no cycle; every `uses` is
pinned (`owner/repo@ref`, `docker://image:tag`) or a local `./path` that has an action.yml; no
`${{ secrets.* }}` inside a `run` script (pass it through `env` instead); no `secrets` in a
job's or step's `if:` (GitHub rejects it; map the secret to job `env` and test `env.NAME`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml

from workflow_check.schema import schema_problems

_PINNED = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[A-Za-z0-9_.-]+$")
_DOCKER = re.compile(r"^docker://[^:@\s]+[:@]\S+$")
_SECRET_IN_SCRIPT = re.compile(r"\$\{\{\s*secrets\.")
# GitHub does not allow the secrets context in `if:` (docs: "Contexts", context availability:
# jobs.<job_id>.if and jobs.<job_id>.steps.if have no `secrets`); map it to env and test env.
_SECRET_IN_CONDITION = re.compile(r"\bsecrets\.")


def workflow_files(root: Path) -> list[Path]:
    """Every workflow and every local action under .github/."""
    github = root / ".github"
    found = [*github.glob("workflows/*.yml"), *github.glob("workflows/*.yaml")]
    found += [*github.glob("actions/*/action.yml"), *github.glob("actions/*/action.yaml")]
    return sorted(found)


def _uses_problem(uses: object, root: Path) -> str | None:
    if not isinstance(uses, str):
        return None  # the schema reports it
    if uses.startswith("./"):
        folder = root / uses
        has_action = (folder / "action.yml").is_file() or (folder / "action.yaml").is_file()
        return None if has_action else f"`uses: {uses}`: no action.yml there"
    if _PINNED.match(uses) or _DOCKER.match(uses):
        return None
    return f"`uses: {uses}` is not pinned: write owner/repo@version"


def _steps(steps: object, where: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
    if isinstance(steps, list):
        for index, step in enumerate(steps, 1):
            if isinstance(step, dict):
                yield f"{where} step {index}", step


def _step_problems(steps: object, where: str, root: Path) -> list[str]:
    problems = []
    for at, step in _steps(steps, where):
        if "uses" in step and (problem := _uses_problem(step["uses"], root)):
            problems.append(f"{at}: {problem}")
        if isinstance(step.get("run"), str) and _SECRET_IN_SCRIPT.search(step["run"]):
            problems.append(f"{at}: a secret inside `run`; pass it through `env`")
        problems += _condition_problems(step, at)
    return problems


def _condition_problems(entry: Mapping[str, Any], at: str) -> list[str]:
    condition = entry.get("if")
    if isinstance(condition, str) and _SECRET_IN_CONDITION.search(condition):
        return [f"{at}: `secrets` in `if:` is not allowed; map it to job `env` and test `env.NAME`"]
    return []


def _cycle(needs: Mapping[str, list[str]]) -> list[str] | None:
    """A dependency cycle among jobs, if any."""
    state: dict[str, int] = {}

    def visit(job: str, path: list[str]) -> list[str] | None:
        if state.get(job) == 1:
            return [*path[path.index(job) :], job]
        if state.get(job) == 2:
            return None
        state[job] = 1
        for other in needs.get(job, []):
            if found := visit(other, [*path, job]):
                return found
        state[job] = 2
        return None

    for job in needs:
        if found := visit(job, []):
            return found
    return None


def _job_problems(jobs: object, root: Path) -> list[str]:
    if not isinstance(jobs, dict):
        return []  # the schema reports it
    problems: list[str] = []
    needs: dict[str, list[str]] = {}
    for name, job in jobs.items():
        if not isinstance(job, dict):
            continue
        wanted = job.get("needs", [])
        needs[name] = [wanted] if isinstance(wanted, str) else [str(n) for n in wanted or []]
        problems += [f"job {name}: needs unknown job {n!r}" for n in needs[name] if n not in jobs]
        if "uses" in job and (problem := _uses_problem(job["uses"], root)):
            problems.append(f"job {name}: {problem}")  # a reusable workflow call
        problems += _condition_problems(job, f"job {name}")
        problems += _step_problems(job.get("steps"), f"job {name}", root)
    if cycle := _cycle({k: [n for n in v if n in jobs] for k, v in needs.items()}):
        problems.append(f"jobs depend on each other in a cycle: {' -> '.join(cycle)}")
    return problems


def _relative(path: Path, root: Path) -> Path:
    return path.relative_to(root) if path.is_relative_to(root) else path


def load_yaml(path: Path) -> tuple[Any, str | None]:
    """The file's data, or None and why it is not valid YAML (with the line)."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")), None
    except yaml.YAMLError as error:
        return None, " ".join(str(error).split())


def structure_problems(path: Path, data: object, root: Path) -> list[str]:
    """What the schema cannot see in one loaded file, each line prefixed with its path."""
    if not isinstance(data, dict):
        return []  # the schema reports it
    if path.stem == "action":
        runs = data.get("runs")
        steps = runs.get("steps") if isinstance(runs, dict) else None
        problems = _step_problems(steps, "runs", root)
    else:
        problems = _job_problems(data.get("jobs"), root)
    return [f"{_relative(path, root)}: {problem}" for problem in problems]


def check_files(files: list[Path], root: Path) -> list[str]:
    """YAML, schema and structure problems of the given workflow and action files."""
    loaded = {path: load_yaml(path) for path in files}
    problems = [
        f"{_relative(path, root)}: not valid YAML: {error}"
        for path, (_, error) in loaded.items()
        if error is not None
    ]
    valid = [path for path, (_, error) in loaded.items() if error is None]
    problems += schema_problems(valid, root)
    return problems + [
        line for path in valid for line in structure_problems(path, loaded[path][0], root)
    ]


def check_repository(root: Path) -> list[str]:
    """Problems of every workflow and local action; one when there is none at all."""
    files = workflow_files(root)
    if not files:
        return [f"{root / '.github/workflows'}: no workflow files"]
    return check_files(files, root)
