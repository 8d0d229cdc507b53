"""The whole of `./dev run`: run folder, key, optional stand-in, the run, the summary.

Each run writes a new gear folder under `RunOptions.runs_root` (`./dev run` gives the
repository's gitignored `.gear-runs/`, or $DEV_RUNS_DIR): `<gear>-<YYYYMMDD-HHMMSS>/` with
manifest.json, config.json, input/, output/ and work/, as in /flywheel/v0. The folder stays
after every run, successful or not, and its path is printed first and last, so the output the
summary points to is there to read. config.json holds the API key: it is removed as soon as the
gear ends (however it ends) unless `keep` (`--keep`) is set; then it stays, mode 0600, and the
last line says so. Removing old run folders is up to the user (`rm -rf .gear-runs`).

SIGTERM, SIGHUP and SIGINT do not kill `./dev run`: they are forwarded to the gear (`signals`),
which stops writing and reports; `./dev run` waits for it, removes config.json, and exits
128+N. A run killed outright (SIGKILL) cannot clean up: the next `./dev run` removes the
config.json it left, unless that run was kept with `--keep` (`claims`).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from flywheel_standin import SeedError, StandIn
from gear_run.claims import RunClaim, remove_stale_keys
from gear_run.config_values import config_and_problems
from gear_run.errors import RunError
from gear_run.examples import example_inputs, example_seed
from gear_run.gear_bot import bot_prefix, local_bot
from gear_run.gear_folder import input_problems, write_gear_folder
from gear_run.local_gear import LocalGear
from gear_run.output import LossyOutput, Output
from gear_run.precheck import PLACEHOLDER_KEY, gear_invocation_problems
from gear_run.process import run_gear_process
from gear_run.run_folders import kept_notice, new_run_folder
from gear_run.signals import SignalForwarder, forwarded_signals
from gear_run.summary import output_summary
from gear_spec import BOT_PREFIX_KEY, input_names
from user_key import UserKeyError, read_user_key


@dataclass
class RunOptions:
    """What `./dev run` was asked for; `runs_root` holds the run folders (see the module doc)."""

    gear: LocalGear
    runs_root: Path
    config: dict[str, str] = field(default_factory=dict)  # KEY -> VALUE text
    inputs: dict[str, Path] = field(default_factory=dict)
    api_key_file: Path | None = None
    standin: bool = False
    seed: Path | None = None
    example: bool = False
    keep: bool = False  # keep config.json (mode 0600) too
    gear_bot: bool = False  # with standin: the bot key from a local SSM (gear_bot.py)


def read_key(api_key_file: Path | None, environ: Mapping[str, str]) -> str:
    """The user's key (user_key: the file, $FW_API_KEY, Flywheel's CLI login); RunError if none."""
    try:
        return read_user_key(api_key_file, environ, other_ways=", or use --standin")
    except UserKeyError as error:
        message = str(error)
        raise RunError(f"the gear {message}" if message.startswith("needs ") else message) from None


@contextmanager
def _standin(seed: Path | None, label: str, out: Output) -> Iterator[StandIn]:
    try:
        standin = StandIn(seed)
    except SeedError as error:
        raise RunError(f"{label}: {error}") from None
    with standin:
        print(f"stand-in: {standin.url}/api (seed: {seed or 'default'})", file=out)
        yield standin
        print(
            f"stand-in: {len(standin.reads())} reads, {len(standin.writes())} writes",
            file=out,
        )


def _inputs(options: RunOptions, manifest: Mapping[str, Any]) -> tuple[dict[str, Path], list[str]]:
    """The inputs to give (examples, then --input), the good ones only, and a line per problem."""
    inputs: dict[str, Path] = {}
    problems = []
    if options.example:
        inputs.update(example_inputs(manifest, options.gear.data_dir))
        if not inputs:
            problems.append(f"--example: {options.gear.data_dir} has no example input files")
    inputs.update(options.inputs)
    problems += input_problems(manifest, inputs)
    file_inputs = input_names(manifest, "file")
    good = {name: path for name, path in inputs.items() if name in file_inputs and path.is_file()}
    return good, problems


def _execute(
    options: RunOptions,
    *,
    config: Mapping[str, Any],
    inputs: Mapping[str, Path],
    api_key: str | None,
    out: Output,
    environ: Mapping[str, str] | None,
    forwarder: SignalForwarder,
) -> tuple[int, Path]:
    """Run the gear in a new run folder: its exit code and the folder. A signal that came
    before the gear would start means it is not started (the code is then 128+N)."""
    gear = options.gear
    folder = new_run_folder(options.runs_root, gear.name)
    claim = RunClaim(folder, keep=options.keep)
    try:
        try:
            paths = write_gear_folder(folder, gear.manifest_path, config, inputs, api_key)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        print(f"run folder: {folder}", file=out, flush=True)
        try:
            if forwarder.exit_code is None:
                code = run_gear_process(gear, folder, out, env=environ, forwarder=forwarder)
            else:
                code = forwarder.exit_code
                print(f"{forwarder.describe()} before the gear started: not started", file=out)
        finally:
            if not options.keep:
                paths.config.unlink(missing_ok=True)
    finally:
        claim.release()
    print(f"output folder: {paths.output_dir}", file=out)
    for line in output_summary(paths.output_dir):
        print(line, file=out)
    return code, folder


def _finish(code: int, folder: Path, keep: bool, out: Output, forwarder: SignalForwarder) -> int:
    print(f"exit code: {code}", file=out)
    print(kept_notice(folder, keep), file=out)
    if forwarder.exit_code is None:
        return code
    print(
        f"./dev run: {forwarder.describe()}: sent on to the gear, which has ended;"
        f" exit {forwarder.exit_code}",
        file=out,
    )
    return forwarder.exit_code


def run_local(
    options: RunOptions,
    out: Output,
    environ: Mapping[str, str] | None = None,
    *,
    problems: Sequence[str] = (),
) -> int:
    """Run the gear as /bin/run would; its exit code (128+N when stopped by signal N).
    RunError for a bad invocation.

    Every check of the invocation (config values, inputs, key) happens before the stand-in
    starts or the gear runs. When any fails, RunError lists them all, `problems` (the command
    line's own, found earlier) first, then what the gear's runtime would refuse too
    (`precheck`), so one try shows everything to fix. `environ` (default: this process's)
    holds FW_API_KEY and is the base of the gear's environment.
    """
    found = list(problems)
    if options.standin and options.api_key_file is not None:
        found.append("give either --standin or --api-key-file, not both")
    if options.seed is not None and not options.standin:
        found.append("--seed needs --standin")
    if options.gear_bot and not options.standin:
        found.append("--gear-bot needs --standin (the bot key is made for the local stand-in)")
    manifest = options.gear.manifest
    config, config_problems = config_and_problems(manifest, options.config)
    inputs, input_problems_found = _inputs(options, manifest)
    found += config_problems + input_problems_found
    if options.gear_bot and options.standin:
        try:
            config[BOT_PREFIX_KEY] = bot_prefix(manifest, config)
        except RunError as error:
            found.append(str(error))
    key = None
    if not options.standin and input_names(manifest, "api-key"):
        try:
            key = read_key(options.api_key_file, os.environ if environ is None else environ)
        except RunError as error:
            found += str(error).splitlines()
    if found:
        found += gear_invocation_problems(options.gear, config, inputs, key or PLACEHOLDER_KEY)
        raise RunError("\n".join(found))
    out = LossyOutput(out)  # a lost terminal (SIGHUP) must not stop the clean-up
    with forwarded_signals() as forwarder:
        for stale in remove_stale_keys(options.runs_root):
            print(f"removed {stale}: the API key of a run that was killed", file=out)
        run = partial(
            _execute,
            options,
            config=config,
            inputs=inputs,
            out=out,
            forwarder=forwarder,
        )
        if not options.standin:
            code, folder = run(api_key=key, environ=environ)
        else:
            seed = options.seed or example_seed(options.gear.data_dir)
            label = "--seed" if options.seed is not None else "stand-in seed"
            with _standin(seed, label, out) as standin:
                key = standin.api_key()  # one the seed accepts
                with _gear_environ(options, config, key, environ, out) as gear_environ:
                    code, folder = run(api_key=key, environ=gear_environ)
        return _finish(code, folder, options.keep, out, forwarder)


@contextmanager
def _gear_environ(
    options: RunOptions,
    config: Mapping[str, Any],
    key: str,
    environ: Mapping[str, str] | None,
    out: Output,
) -> Iterator[Mapping[str, str] | None]:
    """The gear's base environment: `environ`, or with --gear-bot one pointing at a local SSM
    that holds `key` under config apikey_path_prefix (while the block runs)."""
    if not options.gear_bot:
        yield environ
        return
    base = os.environ if environ is None else environ
    with local_bot(config[BOT_PREFIX_KEY], key, base, out) as bot:
        yield bot.environ
