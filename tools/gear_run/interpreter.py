"""The one choice of a gear child's interpreter and import path: `./dev`'s or the test's own.

`./dev run` starts a gear with the repository's .venv Python (the gear image's interpreter)
and the source tree's import roots, the ones Bazel's `imports` give. Inside a Bazel test
(`TEST_SRCDIR` is set) the child uses the test's own interpreter and import path instead: they
point into the runfiles tree Bazel built, while the source tree and .venv are not the files
under test (and may be outside the sandbox).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

BAZEL_TEST_ENV = "TEST_SRCDIR"


@dataclass(frozen=True)
class GearInterpreter:
    """The Python a gear child runs with and the roots of its PYTHONPATH."""

    python: Path
    import_roots: tuple[Path, ...]


def in_bazel_test(environ: Mapping[str, str] | None = None) -> bool:
    """Whether this process is a Bazel test (Bazel sets TEST_SRCDIR for every test)."""
    return bool((os.environ if environ is None else environ).get(BAZEL_TEST_ENV))


def current_interpreter() -> GearInterpreter:
    """This process's interpreter and import path (sys.executable, sys.path)."""
    roots = tuple(Path(entry) for entry in sys.path if entry)
    return GearInterpreter(python=Path(sys.executable), import_roots=roots)


def venv_python(repo_root: Path) -> Path:
    """The repository's .venv python, else this process's interpreter."""
    candidate = repo_root / ".venv" / "bin" / "python"
    return candidate if candidate.is_file() else Path(sys.executable)


def gear_interpreter(
    repo_root: Path, import_roots: Sequence[Path], environ: Mapping[str, str] | None = None
) -> GearInterpreter:
    """Inside a Bazel test: `current_interpreter()`. Otherwise (`./dev`): the .venv python
    under `repo_root` (this one when there is none) and `import_roots`.
    """
    if in_bazel_test(environ):
        return current_interpreter()
    return GearInterpreter(python=venv_python(repo_root), import_roots=tuple(import_roots))
