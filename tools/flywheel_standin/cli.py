"""`python -m flywheel_standin --port PORT [--seed FILE] [--dump FILE] [--log] [--hold-write N]
[--barrier N METHOD PATH]`.

Serves until SIGINT or SIGTERM. `--log` prints one line per request (`request: POST
/api/groups 200`); `--hold-write N` holds the Nth write before it takes effect, prints
`held: METHOD PATH`, and lets it go on SIGUSR1 (how a test stops a client mid-write);
`--barrier` (repeatable) holds the first N requests matching METHOD and the PATH regex until
all N have arrived, so N clients started together reach that request together: a race
reproduced on purpose (see hooks.py).
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from types import FrameType

import yaml

from flywheel_standin.holds import Hold
from flywheel_standin.hooks import Barrier
from flywheel_standin.seed import SeedError
from flywheel_standin.server import LoggedRequest, StandIn


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options shared by `python -m flywheel_standin` and `./dev standin`."""
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0: any free)")
    parser.add_argument("--seed", type=Path, help="YAML seed: keys, users, roles, groups")
    parser.add_argument("--dump", type=Path, help="write the final state here (YAML) on exit")
    parser.add_argument(
        "--log", action="store_true", help="print each request: `request: METHOD PATH STATUS`"
    )
    parser.add_argument(
        "--hold-write",
        type=int,
        metavar="N",
        help="hold the Nth write before it takes effect, print `held: METHOD PATH`, and let it"
        " go on SIGUSR1 (kill -USR1 PID)",
    )
    parser.add_argument(
        "--barrier",
        nargs=3,
        action="append",
        default=[],
        metavar=("N", "METHOD", "PATH"),
        help="hold the first N requests matching METHOD and the PATH regex until all N have"
        " arrived, or 30 s passed (repeatable); e.g. --barrier 2 POST /api/projects",
    )


def barriers(specs: Sequence[Sequence[str]]) -> list[Barrier]:
    """The Barrier hooks of `--barrier N METHOD PATH` options; ValueError naming a bad one."""
    found: list[Barrier] = []
    for parties, method, path in specs:
        if not parties.isdigit() or int(parties) < 1:
            raise ValueError(f"--barrier {parties} {method} {path}: N must be a whole number >= 1")
        try:
            found.append(Barrier(method, path, int(parties)))
        except (ValueError, re.error) as error:
            raise ValueError(f"--barrier {parties} {method} {path}: {error}") from None
    return found


def _say(line: str) -> None:
    print(line, flush=True)


def _log_request(request: LoggedRequest) -> None:
    _say(f"request: {request.method} {request.path} {request.status}")


def _held(method: str, path: str) -> None:
    _say(f"held: {method} {path} (release: kill -USR1 {os.getpid()})")


def serve(
    port: int,
    seed: Path | None,
    dump: Path | None,
    stop: threading.Event,
    *,
    log: bool = False,
    hold: Hold | None = None,
    hooks: Sequence[Barrier] = (),
) -> int:
    """Serve until `stop` is set (`log`: print each request; `hold`: hold one; `hooks`:
    barriers to install); the exit code."""
    try:
        standin = StandIn(seed, port=port)
        if log:
            standin.on_request = _log_request
        if hold is not None:
            standin.add_hold(hold)
        for hook in hooks:
            standin.add_hook(hook)
        standin.start()
    except SeedError as err:
        print(f"standin: {err}", file=sys.stderr)
        return 2
    except OSError as err:
        print(f"standin: cannot listen on 127.0.0.1:{port}: {err.strerror}", file=sys.stderr)
        return 2
    example = standin.api_key("any" if standin.accepts_any_key else "<a key from the seed's keys>")
    print(f"Flywheel stand-in at {standin.url}/api", flush=True)
    print(f"API key example: {example}", flush=True)
    try:
        stop.wait()
    finally:
        standin.stop()
        if dump is not None:
            dump.write_text(yaml.safe_dump(standin.dump(), sort_keys=False), encoding="utf-8")
            print(f"state written to {dump}", flush=True)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: parse arguments, serve until interrupted."""
    parser = argparse.ArgumentParser(
        prog="python -m flywheel_standin",
        description="A local Flywheel API stand-in for the flywheel-sdk (127.0.0.1 only).",
    )
    add_arguments(parser)
    args = parser.parse_args(argv)
    return run_until_signal(args)


def run_until_signal(args: argparse.Namespace) -> int:
    """Serve until Ctrl-C or SIGTERM, with the options `add_arguments` defines."""
    stop = threading.Event()
    try:
        hooks = barriers(args.barrier)
    except ValueError as error:
        print(f"standin: {error}", file=sys.stderr)
        return 2
    hold = None
    if args.hold_write is not None:
        if args.hold_write < 1:
            print("standin: --hold-write counts writes from 1", file=sys.stderr)
            return 2
        hold = Hold.write(args.hold_write, on_hold=_held)

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    def on_release(signum: int, frame: FrameType | None) -> None:
        if hold is not None:
            hold.release()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGUSR1, on_release)
    return serve(args.port, args.seed, args.dump, stop, log=args.log, hold=hold, hooks=hooks)
