"""Parse `./dev` arguments and dispatch to a subcommand module."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import cast

from dev_cli.command import Command
from dev_cli.commands import COMMAND_MODULES
from manifest_rules import ManifestUnreadable


def load_commands() -> list[Command]:
    """Import every registered subcommand module."""
    return [cast(Command, importlib.import_module(name)) for name in COMMAND_MODULES]


def build_parser(commands: Sequence[Command]) -> argparse.ArgumentParser:
    """The `./dev` parser with one subparser per command."""
    parser = argparse.ArgumentParser(
        prog="./dev",
        description="Developer commands for the gear monorepo (no Bazel needed).",
        epilog="Run `./dev COMMAND --help` for a command's options and an example.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in commands:
        child = sub.add_parser(
            command.NAME,
            help=command.HELP,
            description=command.HELP,
            epilog=f"example: {command.EXAMPLE}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        command.add_arguments(child)
        child.set_defaults(handler=command.run)
    return parser


def main(argv: Sequence[str]) -> int:
    """Entry point of `./dev`; returns the exit code."""
    parser = build_parser(load_commands())
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except ManifestUnreadable as error:  # any command that reads a gear's manifest
        print(f"./dev {args.command}: {error}", file=sys.stderr)
        return 1
