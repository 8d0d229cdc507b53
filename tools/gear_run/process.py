"""Run a gear's run.py in a separate process, the way /bin/run does in the image.

The child is the gear's interpreter running the app package's run.py in the gear folder,
with PYTHONPATH set to the gear's import roots (both chosen by `interpreter.gear_interpreter`:
the .venv Python and the roots Bazel's `imports` give under `./dev`, the test's own inside a
Bazel test), FLYWHEEL pointing at the gear folder, the manifest's `environment` applied, and
FW_API_KEY removed (the key reaches the gear only through config.json). The rest of the
caller's environment passes through (AWS settings for the gear bot key, coverage, SDK retries).
The child gets its own session: a terminal's Ctrl-C or hang-up reaches it only through
`./dev run`'s forwarding (`signals`), once.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from pathlib import Path

from gear_run.local_gear import LocalGear
from gear_run.output import Output
from gear_run.signals import SignalForwarder
from gear_spec import GEAR_DIR_ENV
from user_key import KEY_ENV


def gear_command(gear: LocalGear) -> list[str]:
    """The command line of /bin/run for `gear`: python <app>/run.py."""
    return [str(gear.python), str(gear.run_script)]


def gear_environment(
    gear: LocalGear, folder: Path, base: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The child's environment (see the module docstring)."""
    env = dict(os.environ if base is None else base)
    manifest_env = gear.manifest.get("environment")
    if isinstance(manifest_env, dict):
        env.update({str(k): str(v) for k, v in manifest_env.items()})
    env.pop(KEY_ENV, None)
    env[GEAR_DIR_ENV] = str(folder)
    env["PYTHONPATH"] = os.pathsep.join(str(p) for p in gear.import_roots)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def run_gear_process(
    gear: LocalGear,
    folder: Path,
    stream: Output,
    *,
    env: Mapping[str, str] | None = None,
    forwarder: SignalForwarder | None = None,
) -> int:
    """Run the gear in `folder`, copying its log lines to `stream` as they come; its exit code.

    `env` replaces this process's environment as the base of the child's; `forwarder` sends
    the signals `./dev run` receives on to the child.
    """
    with subprocess.Popen(
        gear_command(gear),
        cwd=folder,
        env=gear_environment(gear, folder, env),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        bufsize=1,
        start_new_session=True,
    ) as child:
        if forwarder is not None:
            forwarder.attach(child)
        assert child.stdout is not None
        for line in child.stdout:
            stream.write(line)
            stream.flush()
        return child.wait()
