"""`./dev upload GEAR --oci-layout DIR`: upload a gear's image to a Flywheel site (gear_upload).

The same tool as every gear's `bazel run :upload`, with the gear's manifest from its folder;
it pushes with skopeo from PATH unless --crane is given.
"""

from __future__ import annotations

import argparse
import os
import sys

from dev_cli.repo import repo_root
from gear_layout import UnknownGearError, resolve_gear
from gear_upload.cli import add_arguments as add_upload_arguments
from gear_upload.cli import run_upload
from gear_upload.errors import INVALID

NAME = "upload"
HELP = "upload a gear's image to a Flywheel site and register it (skopeo, or --crane)"
EXAMPLE = (
    "./dev upload project_management --oci-layout bazel-bin/gears/project_management/src/docker/"
    "project-management --api-key-file ~/fw.key --dry-run"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """GEAR and the upload's options."""
    parser.add_argument("gear", help="gear folder or manifest name (project_management)")
    add_upload_arguments(parser)


def run(args: argparse.Namespace) -> int:
    """Resolve GEAR to its manifest, then upload."""
    try:
        gear = resolve_gear(args.gear, repo_root())
    except UnknownGearError as error:
        print(f"upload: {error}", file=sys.stderr)
        return INVALID
    return run_upload(gear.manifest_path, args, os.environ, sys.stdout, sys.stderr)
