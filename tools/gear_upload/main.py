"""`bazel run //gears/<folder>/src/docker:upload [-- options]`: upload the checked image.

The gear macro passes `--manifest` (its checked manifest), `--oci-layout` (the image `:push`
pushes) and `--crane` (rules_oci's), as runfiles paths; the user's options follow (cli.py). A
relative `--api-key-file` is read from the directory `bazel run` was started in.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NoReturn

from gear_upload.cli import add_arguments, run_upload
from safe_push.runfiles import RunfilesError, rlocation


def build_parser() -> argparse.ArgumentParser:
    """The macro's `--manifest` and the upload's options."""
    parser = argparse.ArgumentParser(prog="upload", description=__doc__.splitlines()[0])
    parser.add_argument("--manifest", required=True, help="runfiles path of the checked manifest")
    add_arguments(parser)
    return parser


def run(argv: Sequence[str], environ: Mapping[str, str]) -> int:
    """Resolve the runfiles paths, then upload."""
    args = build_parser().parse_args(argv)
    try:
        manifest = rlocation(str(args.manifest), environ)
        args.oci_layout = rlocation(str(args.oci_layout), environ)
        if args.crane is not None:
            args.crane = rlocation(str(args.crane), environ)
    except RunfilesError as error:
        print(f"upload: {error}", file=sys.stderr)
        return 2
    workdir = environ.get("BUILD_WORKING_DIRECTORY")
    if args.api_key_file is not None and workdir and not args.api_key_file.is_absolute():
        args.api_key_file = Path(workdir) / args.api_key_file
    return run_upload(manifest, args, environ, sys.stdout, sys.stderr)


def main() -> NoReturn:
    """Entry point of every gear's `:upload`."""
    sys.exit(run(sys.argv[1:], os.environ))


if __name__ == "__main__":
    main()
