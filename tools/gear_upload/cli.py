"""The upload's command line, shared by `./dev upload GEAR` and every gear's `bazel run :upload`.

    --oci-layout DIR [--api-key-file F] [--site-registry HOST[:PORT]] [--insecure]
    [--dry-run] [--crane PATH]

Exit 0: uploaded, or the site has this version with this very image. Exit 1: the site has it
with another image, or the site or registry refused or failed. Exit 2: a bad manifest, layout,
key or argument; then nothing was asked of the site or registry.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from pathlib import Path
from typing import TextIO

from gear_keys import ApiKey, ApiKeyFormatError
from gear_upload.errors import INVALID, UploadError
from gear_upload.image import read_layout
from gear_upload.plan import checked_manifest, make_plan, site_registry
from gear_upload.pushers import make_pusher
from gear_upload.site import Site
from gear_upload.upload import upload
from user_key import UserKeyError, read_user_key


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The upload's own options."""
    parser.add_argument(
        "--oci-layout",
        type=Path,
        required=True,
        metavar="DIR",
        help="the gear's image as an OCI layout (bazel build //gears/<g>/src/docker:<name>)",
    )
    parser.add_argument(
        "--api-key-file",
        type=Path,
        metavar="F",
        help="file holding the Flywheel API key (else $FW_API_KEY, else the key Flywheel's CLI"
        " keeps in ~/.config/flywheel/user.json); never on the command line",
    )
    parser.add_argument(
        "--site-registry",
        metavar="HOST[:PORT]",
        help="the site's registry (default: the API key's host, as Flywheel's CLI uses)",
    )
    parser.add_argument(
        "--insecure", action="store_true", help="the registry speaks plain HTTP (local tests)"
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="ask the site, print the plan; push nothing, register nothing",
    )
    parser.add_argument(
        "--crane",
        type=Path,
        metavar="PATH",
        help="push with this crane (as under Bazel); default: skopeo from PATH",
    )


def run_upload(
    manifest_path: Path,
    args: argparse.Namespace,
    environ: Mapping[str, str],
    out: TextIO,
    err: TextIO,
) -> int:
    """Check everything local first (exit 2), then upload; errors are one line on `err`."""
    try:
        manifest = checked_manifest(manifest_path)
        image = read_layout(args.oci_layout)
        if args.crane is None and ":" in str(args.oci_layout):
            raise UploadError(
                f"--oci-layout {args.oci_layout}: skopeo cannot read a path with ':'", INVALID
            )
        try:
            key = ApiKey.parse(read_user_key(args.api_key_file, environ))
        except (UserKeyError, ApiKeyFormatError) as error:
            raise UploadError(
                f"the upload {error}" if str(error).startswith("needs ") else str(error), INVALID
            ) from None
        plan = make_plan(manifest, image, site_registry(key, args.site_registry))
        secrets = [key.secret, key.text]
        push = make_pusher(args.crane, environ, insecure=args.insecure, secrets=secrets)
        return upload(plan, Site.connect(key), push, dry_run=args.dry_run, out=out)
    except UploadError as error:
        print(f"upload: {error}", file=err)
        return error.code
