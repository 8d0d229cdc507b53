"""`./dev run GEAR`: run a gear locally, as /bin/run would, and show what it did.

Each run gets its own folder, `.gear-runs/<gear>-<YYYYMMDD-HHMMSS>/` in the repository
(gitignored; $DEV_RUNS_DIR replaces `.gear-runs/`), which stays after the run with its input/,
output/ and work/. config.json, which holds the API key, is removed when the gear ends unless
`--keep` is given (then it stays, mode 0600). See `gear_run.local_run`.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Mapping
from pathlib import Path

from dev_cli.repo import repo_root
from gear_layout import Gear, UnknownGearError, python_roots, resolve_gear
from gear_run import (
    LocalGear,
    RunError,
    RunOptions,
    gear_interpreter,
    run_local,
    split_assignments,
)

NAME = "run"
HELP = "run a gear locally as /bin/run would; its run folder stays in .gear-runs/"
EXAMPLE = "./dev run project_management --example --standin --config dry_run=true"
INVALID = 2
INTERRUPTED = 128 + signal.SIGINT  # 130, as a shell reports a Ctrl-C
RUNS_DIR = ".gear-runs"
RUNS_DIR_ENV = "DEV_RUNS_DIR"
RUN_FOLDERS = f"""\
Every run writes a new gear folder, {RUNS_DIR}/GEAR-YYYYMMDD-HHMMSS/ in the repository
(gitignored; ${RUNS_DIR_ENV} names another place), laid out as /flywheel/v0: manifest.json,
config.json, input/, output/, work/. The folder stays after the run, whatever its exit code;
its path is printed first and last. Remove old runs yourself (rm -rf {RUNS_DIR}).
config.json holds the API key: it is removed as soon as the gear ends, unless --keep.
Ctrl-C, SIGHUP and SIGTERM are sent on to the gear, which stops cleanly; ./dev run then
exits 128+N. The next run removes a config.json left by a run killed with SIGKILL."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """GEAR, --config, --input, --api-key-file | --standin [--seed] [--gear-bot], --example,
    --keep."""
    parser.add_argument("gear", help="gear folder or manifest name (project_management)")
    parser.add_argument(
        "--config",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a config value, parsed by the manifest's type (repeatable); booleans:"
        " true/yes/on/1 or false/no/off/0, any case",
    )
    parser.add_argument(
        "--input",
        action="append",
        default=[],
        metavar="NAME=PATH",
        help="a file input (repeatable); copied into input/NAME/",
    )
    key = parser.add_mutually_exclusive_group()
    key.add_argument(
        "--api-key-file",
        type=Path,
        metavar="FILE",
        help="file holding the Flywheel API key (else $FW_API_KEY); never on the command line",
    )
    key.add_argument(
        "--standin",
        action="store_true",
        help="run against a local Flywheel stand-in (seeded from data/standin-seed.yaml)",
    )
    parser.add_argument("--seed", type=Path, metavar="FILE", help="stand-in seed (with --standin)")
    parser.add_argument(
        "--gear-bot",
        action="store_true",
        help="with --standin: run with the gear bot key, read from a local AWS SSM (moto) that"
        " holds a key for the stand-in under the manifest's apikey_path_prefix",
    )
    parser.add_argument(
        "--example",
        action="store_true",
        help="use the gear's data/ files as inputs (data/<input-name>.*, '_' or '-')",
    )
    folders = parser.add_argument_group("run folders", RUN_FOLDERS)
    folders.add_argument(
        "--keep",
        action="store_true",
        help="keep config.json too (mode 0600; it holds the API key: delete it when done)",
    )


def runs_root(environ: Mapping[str, str] | None = None) -> Path:
    """Where run folders go: $DEV_RUNS_DIR, else .gear-runs/ in the repository."""
    chosen = (os.environ if environ is None else environ).get(RUNS_DIR_ENV)
    return Path(chosen) if chosen else repo_root() / RUNS_DIR


def local_gear(gear: Gear) -> LocalGear:
    """What gear_run needs to know about `gear`, from gear_layout.

    The interpreter and import roots come from `gear_interpreter`: the .venv python and the
    source tree's roots under `./dev`, the test's own interpreter and path inside a Bazel test.
    """
    root = repo_root()
    interpreter = gear_interpreter(root, python_roots(root))
    return LocalGear(
        name=gear.folder,
        manifest_path=gear.manifest_path,
        run_script=gear.app_dir / "run.py",
        data_dir=gear.data_dir,
        import_roots=interpreter.import_roots,
        python=interpreter.python,
    )


def run(args: argparse.Namespace) -> int:
    """Run the gear; its exit code (2 for a bad ./dev run invocation)."""
    config, config_problems = split_assignments(args.config, "config")
    inputs, input_problems = split_assignments(args.input, "input")
    try:
        options = RunOptions(
            gear=local_gear(resolve_gear(args.gear, repo_root())),
            runs_root=runs_root(),
            config=config,
            inputs={k: Path(v) for k, v in inputs.items()},
            api_key_file=args.api_key_file,
            standin=args.standin,
            seed=args.seed,
            example=args.example,
            keep=args.keep,
            gear_bot=args.gear_bot,
        )
        return run_local(options, sys.stdout, problems=config_problems + input_problems)
    except (RunError, UnknownGearError) as error:
        for line in str(error).splitlines():
            print(f"./dev run: {line}", file=sys.stderr)
        return INVALID
    except KeyboardInterrupt:  # Ctrl-C before the run started (once it has, it is forwarded)
        print("./dev run: interrupted before the gear started", file=sys.stderr)
        return INTERRUPTED
