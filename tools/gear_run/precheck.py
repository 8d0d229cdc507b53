"""What the gear's own runtime would refuse in a `./dev run` invocation, checked without running
it, so `./dev run` lists its own argument problems and the gear's together."""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from gear_run.errors import RunError
from gear_run.gear_folder import write_gear_folder
from gear_run.local_gear import LocalGear

# A well-formed key for the check when the real one is not known yet (a stand-in's, or one
# whose file was a problem already); the check never connects.
PLACEHOLDER_KEY = "127.0.0.1:dev-run-invocation-check"


def gear_invocation_problems(
    gear: LocalGear,
    config: Mapping[str, Any],
    inputs: Mapping[str, Path],
    api_key: str | None,
) -> list[str]:
    """Every problem the runtime's invocation check (`checked_invocation`) finds in the gear
    folder these values make; the folder is a scratch copy, removed at once.

    gear_runner is imported here, not at the top: importing it sets flywheel-sdk's retry
    variables in the environment, and every `./dev` command imports this package, so they
    would reach every tool `./dev` starts (the tests' own settings included).
    """
    from gear_runner import InvocationError  # noqa: PLC0415 -- see the docstring
    from gear_runner.runner import checked_invocation  # noqa: PLC0415

    with tempfile.TemporaryDirectory(prefix="dev-run-check-") as scratch:
        folder = Path(scratch) / "gear"
        try:
            write_gear_folder(folder, gear.manifest_path, config, inputs, api_key)
            checked_invocation(folder)
        except (InvocationError, RunError) as error:
            problems = getattr(error, "problems", None) or str(error).splitlines()
            return [f"the gear: {problem}" for problem in problems]
    return []
