"""The structure our workflows rely on, checked with PyYAML (GitHub's own runner is not here).

Checked: YAML without tabs; `on` and `jobs`; each job runs somewhere, has steps and `needs`
only jobs that exist, without cycles; each step has exactly one of `uses` and `run`; every
`uses` is pinned (`owner/repo@ref`, `docker://image:tag`, or a local `./path` with an
action.yml); no `${{ secrets.* }}` inside a `run` script (pass it through `env` instead);
local composite actions give every `run` step a `shell`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

_PINNED = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[A-Za-z0-9_.-]+$")
_DOCKER = re.compile(r"^docker://[^:@\s]+[:@]\S+$")
_SECRET_IN_SCRIPT = re.compile(r"\$\{\{\s*secrets\.")


def workflow_files(root: Path) -> list[Path]:
    """Every workflow and every local action under .github/."""
    github = root / ".github"
    found = [*github.glob("workflows/*.yml"), *github.glob("workflows/*.yaml")]
    found += [*github.glob("actions/*/action.yml"), *github.glob("actions/*/action.yaml")]
    return sorted(found)


def _load(path: Path) -> tuple[Any, list[str]]:
    text = path.read_text(encoding="utf-8")
    problems = [
        f"line {n}: tab character" for n, line in enumerate(text.splitlines(), 1) if "\t" in line
    ]
    try:
        return yaml.safe_load(text), problems
    except yaml.YAMLError as error:
        return None, [*problems, f"not valid YAML: {error}".replace("\n", " ")]


def _uses_problem(uses: Any, root: Path) -> str | None:
    if not isinstance(uses, str) or not uses:
        return "`uses` must be a non-empty string"
    if uses.startswith("./"):
        folder = root / uses
        has_action = (folder / "action.yml").is_file() or (folder / "action.yaml").is_file()
        return None if has_action else f"`uses: {uses}`: no action.yml there"
    if _PINNED.match(uses) or _DOCKER.match(uses):
        return None
    return f"`uses: {uses}` is not pinned: write owner/repo@version"


def _step_problems(steps: Any, where: str, root: Path, *, composite: bool) -> list[str]:
    if not isinstance(steps, list) or not steps:
        return [f"{where}: `steps` must be a non-empty list"]
    problems = []
    for index, step in enumerate(steps, 1):
        at = f"{where} step {index}"
        if not isinstance(step, dict):
            problems.append(f"{at}: must be a mapping")
            continue
        if ("uses" in step) == ("run" in step):
            problems.append(f"{at}: needs exactly one of `uses` and `run`")
        if "uses" in step and (problem := _uses_problem(step["uses"], root)):
            problems.append(f"{at}: {problem}")
        if "run" in step:
            if not isinstance(step["run"], str) or not step["run"].strip():
                problems.append(f"{at}: `run` must be a non-empty script")
            elif _SECRET_IN_SCRIPT.search(step["run"]):
                problems.append(f"{at}: a secret inside `run`; pass it through `env`")
            if composite and "shell" not in step:
                problems.append(f"{at}: a composite action's `run` step needs `shell`")
    return problems


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


def _job_problems(jobs: Any, root: Path) -> list[str]:
    if not isinstance(jobs, dict) or not jobs:
        return ["`jobs` must be a non-empty mapping"]
    problems: list[str] = []
    needs: dict[str, list[str]] = {}
    for name, job in jobs.items():
        if not isinstance(job, dict):
            problems.append(f"job {name}: must be a mapping")
            continue
        wanted = job.get("needs", [])
        needs[name] = [wanted] if isinstance(wanted, str) else list(wanted or [])
        problems += [f"job {name}: needs unknown job {n!r}" for n in needs[name] if n not in jobs]
        if "uses" in job:  # a reusable workflow call
            if problem := _uses_problem(job["uses"], root):
                problems.append(f"job {name}: {problem}")
            continue
        if "runs-on" not in job:
            problems.append(f"job {name}: no `runs-on`")
        problems += _step_problems(job.get("steps"), f"job {name}", root, composite=False)
    if cycle := _cycle({k: [n for n in v if n in jobs] for k, v in needs.items()}):
        problems.append(f"jobs depend on each other in a cycle: {' -> '.join(cycle)}")
    return problems


def check_file(path: Path, root: Path) -> list[str]:
    """Problems of one workflow or action file, each line prefixed with its path."""
    data, problems = _load(path)
    if data is not None:
        if not isinstance(data, dict):
            problems.append("must be a mapping at the top")
        elif path.stem == "action":
            runs = data.get("runs")
            if not isinstance(runs, dict) or runs.get("using") != "composite":
                problems.append("local actions here are composite: `runs.using: composite`")
            else:
                problems += _step_problems(runs.get("steps"), "runs", root, composite=True)
        else:
            # YAML 1.1 (PyYAML) reads the key `on` as True.
            if "on" not in data and True not in data:
                problems.append("no `on` (the events that start the workflow)")
            problems += _job_problems(data.get("jobs"), root)
    relative = path.relative_to(root) if path.is_relative_to(root) else path
    return [f"{relative}: {problem}" for problem in problems]


def check_repository(root: Path) -> list[str]:
    """Problems of every workflow and local action; one when there is none at all."""
    files = workflow_files(root)
    if not files:
        return [f"{root / '.github/workflows'}: no workflow files"]
    return [problem for path in files for problem in check_file(path, root)]
