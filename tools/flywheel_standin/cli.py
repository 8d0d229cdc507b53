"""`python -m flywheel_standin --port PORT [--seed FILE] [--dump FILE]`: serve until stopped."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from types import FrameType

import yaml

from flywheel_standin.seed import SeedError
from flywheel_standin.server import StandIn


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options shared by `python -m flywheel_standin` and `./dev standin`."""
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0: any free)")
    parser.add_argument("--seed", type=Path, help="YAML seed: keys, users, roles, groups")
    parser.add_argument("--dump", type=Path, help="write the final state here (YAML) on exit")


def serve(port: int, seed: Path | None, dump: Path | None, stop: threading.Event) -> int:
    """Serve until `stop` is set; return the exit code."""
    try:
        standin = StandIn(seed, port=port).start()
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
    return run_until_signal(args.port, args.seed, args.dump)


def run_until_signal(port: int, seed: Path | None, dump: Path | None) -> int:
    """Serve until Ctrl-C or SIGTERM."""
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    return serve(port, seed, dump, stop)
