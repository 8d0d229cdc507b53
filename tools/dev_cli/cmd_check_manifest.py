"""`./dev check-manifest`: the manifest check that Bazel's genrule runs, without Bazel."""

from __future__ import annotations

import argparse

from manifest_check import cli

NAME = "check-manifest"
HELP = "check a manifest against the gear spec and its BUILD file's name, repository and tags"
EXAMPLE = (
    "./dev check-manifest --manifest gears/project_management/src/docker/manifest.json "
    "--name project-management --repository index.docker.io/naccdata/project-management "
    "--tag 0.1.0 --tag latest"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The check's own arguments."""
    cli.add_arguments(parser)


def run(args: argparse.Namespace) -> int:
    """Run the check."""
    return cli.run(args)
