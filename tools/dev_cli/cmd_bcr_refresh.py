"""`./dev bcr-refresh`: re-read the Bazel Central Registry facts module resolution needs."""

from __future__ import annotations

import argparse
from pathlib import Path

from bcr_facts.record import DEFAULT_PATH
from bcr_facts.registry import DEFAULT_REGISTRY
from bcr_facts.repo import refresh
from dev_cli.repo import repo_root

NAME = "bcr-refresh"
HELP = "re-read the registry facts for MODULE.bazel's modules into the checked-in record"
EXAMPLE = "./dev bcr-refresh --registry /path/to/bazel-central-registry --commit 51181a8"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Where to read (a URL, file:// or a local BCR checkout) and where to write."""
    parser.add_argument(
        "--registry",
        default=DEFAULT_REGISTRY,
        help=f"http(s):// or file:// URL, a directory or a git checkout ({DEFAULT_REGISTRY})",
    )
    parser.add_argument(
        "--commit", default="HEAD", help="the commit to read when --registry is a git checkout"
    )
    parser.add_argument(
        "--registry-name",
        default="",
        help="how the record names the registry (default: the git remote or the --registry text)",
    )
    parser.add_argument(
        "--record", type=Path, default=None, help=f"the record to write (default {DEFAULT_PATH})"
    )


def run(args: argparse.Namespace) -> int:
    """Rewrite the record only after reading everything; 1 and one line when that fails."""
    return refresh(
        repo_root(),
        args.registry,
        commit=args.commit,
        record_path=args.record,
        registry_name=args.registry_name,
    )
