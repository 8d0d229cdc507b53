"""`./dev lock`: re-resolve requirements_lock.txt from requirements.in with uv."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from dev_cli.repo import repo_root

NAME = "lock"
HELP = "re-resolve requirements_lock.txt (hash-locked, universal, CPython 3.10)"
EXAMPLE = "./dev lock            (then ./dev test rebuilds .venv from the new lock)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """`--upgrade` moves every pin to the newest allowed release."""
    parser.add_argument("--upgrade", action="store_true", help="allow every pin to move")


def uv_command(upgrade: bool) -> list[str]:
    """The one command that writes the lock."""
    uv = Path(sys.executable).with_name("uv")
    argv = [str(uv), "pip", "compile", "--quiet", "--universal", "--python-version", "3.10"]
    # Extras stay on the pins (moto[server,ssm]): rules_python reads them from the lock line.
    argv += ["--generate-hashes", "--no-strip-extras", "--custom-compile-command", "./dev lock"]
    argv += ["--output-file", "requirements_lock.txt", "requirements.in"]
    return [*argv, "--upgrade"] if upgrade else argv


def run(args: argparse.Namespace) -> int:
    """Write the lock; keep existing pins unless --upgrade."""
    root = repo_root()
    code = subprocess.run(uv_command(args.upgrade), cwd=root, check=False).returncode
    if code == 0:
        print("requirements_lock.txt written; the next ./dev command rebuilds .venv from it")
    return code
