"""What one mutation run covers: a module, its own tests, and the cosmic-ray config for them."""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

# Per-mutant limit (seconds): a mutant that makes the tests hang counts as killed by timeout.
MUTANT_TIMEOUT = 120.0


class PlanError(ValueError):
    """A module or test path that cannot be mutated or run; the message says which."""


@dataclass(frozen=True)
class MutationPlan:
    """One module (repository-relative .py file) and the test files that judge its mutants."""

    module: str
    tests: tuple[str, ...]


def _test_folder(module: PurePosixPath) -> PurePosixPath | None:
    """Where the tests of a module's package live, by the repository's layout."""
    parts = module.parts
    if parts[:3] == ("common", "src", "python") and len(parts) > 4:
        return PurePosixPath("common", "test", "python", parts[3])
    if len(parts) > 5 and parts[0] == "gears" and parts[2:4] == ("src", "python"):
        return PurePosixPath("gears", parts[1], "test", "python")
    if len(parts) > 2 and parts[0] == "tools":
        return PurePosixPath("tools", parts[1], "tests")
    return None


def default_tests(root: Path, module: str) -> list[str]:
    """The module's own tests: test_<module>.py in its package's test folder, else that folder."""
    path = PurePosixPath(module)
    folder = _test_folder(path)
    if folder is None or not (root / folder).is_dir():
        raise PlanError(f"{module}: no test folder by the repository's layout; name --tests")
    own = folder / f"test_{path.stem}.py"
    return [str(own)] if (root / own).is_file() else [str(folder)]


def plan_for(root: Path, module: str, tests: Sequence[str] = ()) -> MutationPlan:
    """The plan for `module` (tests: the given ones, else its own); checks that each exists."""
    if not module.endswith(".py") or not (root / module).is_file():
        raise PlanError(f"{module}: not a Python file of the repository")
    chosen = list(tests) or default_tests(root, module)
    for test in chosen:
        if not (root / test).exists():
            raise PlanError(f"{test}: no such test file or folder")
    return MutationPlan(module, tuple(chosen))


def test_command(plan: MutationPlan, python: str, import_roots: Sequence[Path]) -> str:
    """The shell command cosmic-ray runs per mutant: pytest as ./dev test runs it, stop at the
    first failure."""
    env = "PYTHONPATH=" + ":".join(str(r) for r in import_roots)
    argv = [python, "-m", "pytest", "-x", "-q", "-p", "gear_pytest.plugin"]
    argv += ["--import-mode=importlib", "-p", "no:cacheprovider", *plan.tests]
    return f"env {shlex.quote(env)} " + shlex.join(argv)


def config_text(plan: MutationPlan, command: str) -> str:
    """cosmic-ray's TOML config for the plan (local distributor: one mutant at a time)."""
    return (
        "[cosmic-ray]\n"
        f"module-path = {_toml_string(plan.module)}\n"
        f"timeout = {MUTANT_TIMEOUT}\n"
        "excluded-modules = []\n"
        f"test-command = {_toml_string(command)}\n"
        "\n[cosmic-ray.distributor]\n"
        'name = "local"\n'
    )


def _toml_string(text: str) -> str:
    """A TOML basic string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
