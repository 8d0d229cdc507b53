"""The main of every Bazel `py_test`: runs pytest on the test's own file.

A test target is named after its file (`:test_runner` runs `test_runner.py` in its package,
or in a folder below it such as tests/), so the file is found from Bazel's TEST_TARGET. The
fixtures plugin is loaded with `-p`, exactly as `./dev test` loads it, so both run the same
tests the same way.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

PLUGIN = "gear_pytest.plugin"


def test_file_from_target(target: str, root: Path) -> str:
    """`//pkg:test_x` -> `pkg/test_x.py`, or `pkg/tests/test_x.py` when it lives there."""
    label = target.split("//", 1)[-1]
    package, _, name = label.partition(":")
    direct = Path(package) / f"{name}.py"
    if (root / direct).is_file():
        return str(direct)
    below = sorted((root / package).rglob(f"{name}.py"))
    if below:
        return str(below[0].relative_to(root))
    return str(direct)  # pytest reports the missing file


def pytest_args(argv: Sequence[str], environ: dict[str, str]) -> list[str]:
    """The pytest command line for this test run."""
    args = ["-p", PLUGIN, "--import-mode=importlib", "-p", "no:cacheprovider"]
    files = [a for a in argv if a.endswith(".py")]
    if not files and "TEST_TARGET" in environ:
        args.append(test_file_from_target(environ["TEST_TARGET"], Path.cwd()))
    args += list(argv)
    if "XML_OUTPUT_FILE" in environ:
        args.append(f"--junitxml={environ['XML_OUTPUT_FILE']}")
    return args


def main() -> int:
    """Run pytest; exit code 5 (nothing collected) counts as a failure."""
    return int(pytest.main(pytest_args(sys.argv[1:], dict(os.environ))))


if __name__ == "__main__":
    sys.exit(main())
