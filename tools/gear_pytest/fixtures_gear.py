"""Gear folder fixtures: write a temporary /flywheel/v0 and run a gear in it as a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from gear_run import current_interpreter, file_input, write_config_json
from gear_spec import GEAR_DIR_ENV, GearPaths, declared_inputs


def gear_manifest(
    config: Mapping[str, Any] | None = None,
    inputs: Mapping[str, Any] | None = None,
    *,
    name: str = "sample-gear",
    version: str = "1.0.0",
    owner: str = "org",
) -> dict[str, Any]:
    """A valid manifest (fw-gear 0.3.7 schema) with the given config and inputs; its image is
    `<owner>/<name>:<version>`."""
    return {
        "name": name,
        "label": "Sample gear",
        "description": "A gear for tests.",
        "version": version,
        "author": "Tests",
        "license": "MIT",
        "source": "",
        "url": "",
        "command": "/bin/run",
        "config": dict(config or {}),
        "inputs": dict(inputs or {}),
        "custom": {"gear-builder": {"category": "utility", "image": f"{owner}/{name}:{version}"}},
    }


@dataclass
class GearDir:
    """A gear folder on disk (laid out as `paths` says) and what was written to it."""

    paths: GearPaths
    manifest: dict[str, Any]
    config_json: dict[str, Any]

    @property
    def path(self) -> Path:
        """The gear folder."""
        return self.paths.gear_dir

    @property
    def config_path(self) -> Path:
        """config.json."""
        return self.paths.config

    @property
    def output_dir(self) -> Path:
        """output/."""
        return self.paths.output_dir

    def write_config_json(self, config_json: Mapping[str, Any] | str) -> None:
        """Replace config.json (mode 0600) with a JSON object or raw text."""
        if not isinstance(config_json, str):
            self.config_json = dict(config_json)
        write_config_json(self.paths, config_json)


GearDirFactory = Callable[..., GearDir]


@pytest.fixture
def gear_dir_factory(tmp_path: Path) -> GearDirFactory:
    """`factory(manifest, config=None, *, files=None, api_key=None, inputs=None, destination=None)`.

    `files` maps an input name to `(file name, content)`: the file is written under
    input/<name>/ and its input object added to config.json. `api_key` becomes the
    `api-key` input. `inputs` adds raw input objects as they are.
    """
    count = 0

    def factory(
        manifest: Mapping[str, Any],
        config: Mapping[str, Any] | None = None,
        *,
        files: Mapping[str, tuple[str, str | bytes]] | None = None,
        api_key: str | None = None,
        inputs: Mapping[str, Any] | None = None,
        destination: Mapping[str, Any] | None = None,
    ) -> GearDir:
        nonlocal count
        count += 1
        paths = GearPaths(tmp_path / f"gear{count}")
        paths.make_folders()
        paths.manifest.write_text(json.dumps(manifest, indent=2))
        declared = declared_inputs(manifest)
        all_inputs: dict[str, Any] = {}
        for name, (file_name, content) in (files or {}).items():
            file_path = paths.input_file(name, file_name)
            file_path.parent.mkdir(parents=True)
            if isinstance(content, bytes):
                file_path.write_bytes(content)
            else:
                file_path.write_text(content)
            all_inputs[name] = file_input(file_path, declared.get(name) or {})
        if api_key is not None:
            all_inputs["api-key"] = {"base": "api-key", "key": api_key}
        all_inputs.update(inputs or {})
        config_json = {
            "config": dict(config or {}),
            "inputs": all_inputs,
            "destination": dict(destination or {"type": "project", "id": "project-1"}),
        }
        gear_dir = GearDir(paths=paths, manifest=dict(manifest), config_json=config_json)
        gear_dir.write_config_json(config_json)
        return gear_dir

    return factory


@dataclass
class GearProcess:
    """The outcome of a gear run in a subprocess."""

    exit_code: int
    stdout: str
    stderr: str
    argv: list[str] = field(default_factory=list)

    @property
    def output(self) -> str:
        """stdout and stderr together."""
        return self.stdout + self.stderr


def run_gear_process(
    gear_dir: GearDir | Path,
    script: Path,
    args: Sequence[str] = (),
    *,
    env: Mapping[str, str | None] | None = None,
    timeout: float = 60,
    while_running: Callable[[int], None] | None = None,
) -> GearProcess:
    """Run `python script *args` as the gear's /bin/run would, with FLYWHEEL=<gear dir>.

    The child gets this process's environment (so coverage measures it too), interpreter and
    import path (`gear_run.current_interpreter`, right under Bazel too), changed by `env` (a
    None value removes the variable). `while_running(pid)`, if given, is called once the child
    has started; the child is killed if it is still running when `timeout` expires.
    """
    folder = gear_dir.path if isinstance(gear_dir, GearDir) else gear_dir
    child_env = dict(os.environ)
    for name, value in (env or {}).items():
        if value is None:
            child_env.pop(name, None)
        else:
            child_env[name] = value
    interpreter = current_interpreter()
    child_env[GEAR_DIR_ENV] = str(folder)
    child_env["PYTHONPATH"] = os.pathsep.join(str(root) for root in interpreter.import_roots)
    argv = [str(interpreter.python), str(script), *args]
    # Files, not pipes: a child blocked on a full pipe could never finish while `while_running`
    # waits for it.
    with (
        tempfile.TemporaryFile("w+") as stdout,
        tempfile.TemporaryFile("w+") as stderr,
        subprocess.Popen(argv, env=child_env, stdout=stdout, stderr=stderr, text=True) as child,
    ):
        try:
            if while_running is not None:
                while_running(child.pid)
            exit_code = child.wait(timeout=timeout)
        finally:
            if child.poll() is None:
                child.kill()
        stdout.seek(0)
        stderr.seek(0)
        return GearProcess(exit_code, stdout.read(), stderr.read(), argv)
