"""How to fix what a gate step found, said the way this repository does it.

Each failed step of `./dev test` ends with the command or edit that fixes it, and mypy's own
notes that point outside the repository (`pip install types-...`, `mypy --install-types`) are
replaced with what to do here: dependencies come only from requirements.in and the lock.
"""

from __future__ import annotations

import re

FMT = "./dev fmt"
STEP_FIXES = {
    "buildifier": f"run {FMT} (buildifier formats and applies lint fixes); edit what it cannot fix",
    "ruff": f"run {FMT} (ruff format and ruff's fixes); edit what it reports as unfixable",
    "mypy": "fix the types mypy names; missing stubs: follow its `in this repository` notes",
    "lock": "run ./dev lock",
    "buildcheck": "edit the BUILD file or requirements.in as each line says",
    "deps": "run ./dev deps --fix (it edits the BUILD files with buildozer)",
    "config usage": "edit the code or the manifest as each line says (./dev usage GEAR)",
    "workflows": "edit .github/ as each line says",
    "pytest": "fix the failing tests; coverage too low: add tests for the lines it names",
}
_STUB_HINT = re.compile(r'^(?P<where>.*): note: Hint: "python3 -m pip install (?P<dist>[^"]+)"$')
_INSTALL_TYPES = re.compile(r'^.*: note: \(or run "mypy --install-types".*\)$')
_UNTYPED = re.compile(
    r'^(?P<where>.*): error: Skipping analyzing "(?P<module>[^"]+)": module is installed, but'
    r" missing library stubs or py.typed marker"
)
_NOT_FOUND = re.compile(
    r"^(?P<where>.*): error: Cannot find implementation or library stub for module named"
    r' "(?P<module>[^"]+)"'
)


def step_fix(step: str) -> str:
    """What to do when the gate step `step` failed."""
    return STEP_FIXES.get(step, "see the lines above")


def mypy_lines(lines: list[str]) -> list[str]:
    """mypy's output with its install hints replaced by this repository's fix."""
    shown: list[str] = []
    for line in lines:
        if _INSTALL_TYPES.match(line):
            continue
        if found := _STUB_HINT.match(line):
            shown.append(
                f"{found['where']}: note: in this repository: add {found['dist']} to"
                " requirements.in (Tools) and run ./dev lock; ./dev then rebuilds .venv"
            )
            continue
        shown.append(line)
        if found := _UNTYPED.match(line):
            top = found["module"].split(".", 1)[0]
            shown.append(
                f"{found['where']}: note: in this repository: no stubs are published for it, so"
                f' add "{top}", "{top}.*" to the [[tool.mypy.overrides]] module list'
                " (ignore_missing_imports) in pyproject.toml"
            )
        elif found := _NOT_FOUND.match(line):
            shown.append(
                f"{found['where']}: note: in this repository: a PyPI package goes into"
                " requirements.in, then ./dev lock; our own code must sit under an import root"
                " (docs/layout.md)"
            )
    return shown
