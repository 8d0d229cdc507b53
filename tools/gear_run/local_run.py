"""The whole of `./dev run`: gear folder, key, optional stand-in, the run, the summary.

Without `--keep` the gear folder is removed after a successful run; after a failed run it is
kept for inspection (minus config.json, which holds the key) and its path printed.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from flywheel_standin import SeedError, StandIn
from gear_run.config_values import config_from_manifest
from gear_run.errors import RunError
from gear_run.examples import example_inputs, example_seed
from gear_run.gear_folder import check_inputs, write_gear_folder
from gear_run.local_gear import LocalGear
from gear_run.process import KEY_ENV, run_gear_process
from gear_run.summary import output_summary


@dataclass
class RunOptions:
    """What `./dev run` was asked for."""

    gear: LocalGear
    config: dict[str, str] = field(default_factory=dict)  # KEY -> VALUE text
    inputs: dict[str, Path] = field(default_factory=dict)
    api_key_file: Path | None = None
    standin: bool = False
    seed: Path | None = None
    example: bool = False
    keep: bool = False


def _needs_key(manifest: Mapping[str, object]) -> bool:
    inputs = manifest.get("inputs")
    return isinstance(inputs, dict) and any(
        isinstance(s, dict) and s.get("base") == "api-key" for s in inputs.values()
    )


def read_key(api_key_file: Path | None, environ: Mapping[str, str]) -> str:
    """The user's key from the file, else from $FW_API_KEY; RunError (never showing it)."""
    if api_key_file is not None:
        try:
            key = api_key_file.read_text(encoding="utf-8").strip()
        except OSError as error:
            raise RunError(f"--api-key-file {api_key_file}: {error.strerror}") from None
        if not key:
            raise RunError(f"--api-key-file {api_key_file}: the file is empty")
        return key
    key = environ.get(KEY_ENV, "").strip()
    if not key:
        raise RunError(
            f"the gear needs a Flywheel API key: give --api-key-file FILE, set {KEY_ENV},"
            " or use --standin for a local stand-in"
        )
    return key


@contextmanager
def _standin(seed: Path | None, out: TextIO) -> Iterator[StandIn]:
    try:
        standin = StandIn(seed)
    except SeedError as error:
        raise RunError(f"--seed: {error}") from None
    with standin:
        print(f"stand-in: {standin.url}/api (seed: {seed or 'default'})", file=out)
        yield standin
        print(
            f"stand-in: {len(standin.reads())} reads, {len(standin.writes())} writes",
            file=out,
        )


def _inputs(options: RunOptions) -> dict[str, Path]:
    inputs: dict[str, Path] = {}
    if options.example:
        inputs.update(example_inputs(options.gear.manifest, options.gear.data_dir))
        if not inputs:
            raise RunError(f"--example: {options.gear.data_dir} has no example input files")
    inputs.update(options.inputs)
    return inputs


def _finish(folder: Path, code: int, keep: bool, out: TextIO) -> None:
    if keep:
        print(f"gear folder kept: {folder} (config.json holds the API key)", file=out)
    elif code == 0:
        shutil.rmtree(folder, ignore_errors=True)
        print(f"gear folder removed: {folder} (--keep keeps it)", file=out)
    else:
        (folder / "config.json").unlink(missing_ok=True)
        print(f"gear folder kept for inspection (without config.json): {folder}", file=out)


def _execute(
    options: RunOptions,
    *,
    config: Mapping[str, Any],
    inputs: Mapping[str, Path],
    api_key: str | None,
    out: TextIO,
    environ: Mapping[str, str] | None,
) -> int:
    gear = options.gear
    folder = Path(tempfile.mkdtemp(prefix=f"gear-run-{gear.name}-"))
    try:
        gear_folder = write_gear_folder(folder, gear.manifest_path, config, inputs, api_key)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    print(f"gear folder: {folder}", file=out, flush=True)
    code = run_gear_process(gear, folder, out, env=environ)
    print(f"output folder: {gear_folder.output_dir}", file=out)
    for line in output_summary(gear_folder.output_dir):
        print(line, file=out)
    print(f"exit code: {code}", file=out)
    _finish(folder, code, options.keep, out)
    return code


def run_local(options: RunOptions, out: TextIO, environ: Mapping[str, str] | None = None) -> int:
    """Run the gear as /bin/run would; its exit code. RunError for a bad invocation.

    Every check of the invocation (config values, inputs, key) happens before the stand-in
    starts or the gear runs. `environ` (default: this process's) holds FW_API_KEY and is the
    base of the gear's environment.
    """
    if options.standin and options.api_key_file is not None:
        raise RunError("give either --standin or --api-key-file, not both")
    if options.seed is not None and not options.standin:
        raise RunError("--seed needs --standin")
    manifest = options.gear.manifest
    config = config_from_manifest(manifest, options.config)
    inputs = _inputs(options)
    check_inputs(manifest, inputs)
    if not options.standin:
        needs_key = _needs_key(manifest)
        key = read_key(options.api_key_file, environ or os.environ) if needs_key else None
        return _execute(
            options, config=config, inputs=inputs, api_key=key, out=out, environ=environ
        )
    seed = options.seed or example_seed(options.gear.data_dir)
    with _standin(seed, out) as standin:
        keys = standin.dump().get("keys") or ["standin-key"]
        key = standin.api_key(str(keys[0]))
        return _execute(
            options, config=config, inputs=inputs, api_key=key, out=out, environ=environ
        )
