"""The shape every `./dev` subcommand module has."""

from __future__ import annotations

import argparse
from typing import Protocol


class Command(Protocol):
    """A `./dev` subcommand: a module with these attributes."""

    NAME: str
    HELP: str  # one line, shown in `./dev --help`
    EXAMPLE: str  # one example invocation, shown in `./dev NAME --help`

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        """Declare the subcommand's arguments."""

    def run(self, args: argparse.Namespace) -> int:
        """Carry out the subcommand; return the exit code."""
