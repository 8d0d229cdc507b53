"""`./dev standin`: run the local Flywheel API stand-in until Ctrl-C."""

from __future__ import annotations

import argparse

from flywheel_standin import cli

NAME = "standin"
HELP = "run the local Flywheel API stand-in on 127.0.0.1 (for trying gears against the real SDK)"
EXAMPLE = "./dev standin --port 8080 --seed seed.yaml --dump state.yaml"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """`--port`, `--seed`, `--dump`, `--log`, `--hold-write`, `--barrier`."""
    cli.add_arguments(parser)


def run(args: argparse.Namespace) -> int:
    """Serve until Ctrl-C or SIGTERM; write the state to --dump if given."""
    return cli.run_until_signal(args)
