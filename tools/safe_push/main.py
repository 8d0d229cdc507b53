"""`bazel run //gears/<folder>/src/docker:push`: check the version tags, then push.

The gear macro runs this with its own arguments, then `--`, then whatever the user passed
after `bazel run :push --` (which goes on to rules_oci's push script unchanged):

    --image DIR --push-script FILE --crane FILE --repository REPO --tag T ... -- [push args]

Every tag except `latest` must be new in the registry or point at this very image; otherwise
nothing is pushed and each conflicting tag is named with both digests (exit 1).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import NoReturn, Protocol

from safe_push.check import find_conflicts
from safe_push.oci_layout import LayoutError, local_digest
from safe_push.push_args import PushArgsError, push_target
from safe_push.remote import DigestLookup, RegistryError, crane_digest_lookup
from safe_push.runfiles import RunfilesError, rlocation


class LookupFactory(Protocol):
    """Makes the registry lookup (crane by default; tests pass fakes)."""

    def __call__(self, crane: Path, *, insecure: bool) -> DigestLookup: ...


# Replaces this process with the push script: (script, its arguments, environment).
PushExec = Callable[[Path, Sequence[str], Mapping[str, str]], int]


def exec_push(script: Path, args: Sequence[str], environ: Mapping[str, str]) -> NoReturn:
    """Become the push script; it finds its runfiles through the inherited RUNFILES_* variables."""
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(script, [str(script), *args], dict(environ))


def build_parser() -> argparse.ArgumentParser:
    """The wrapper's own arguments (the part before `--`), set by the gear macro."""
    parser = argparse.ArgumentParser(prog="push", description=__doc__.splitlines()[0])
    parser.add_argument("--image", required=True, help="runfiles path of the OCI layout")
    parser.add_argument("--push-script", required=True, help="runfiles path of the oci_push")
    parser.add_argument("--crane", required=True, help="runfiles path of the crane binary")
    parser.add_argument("--repository", required=True, help="the repository in the BUILD file")
    parser.add_argument("--tag", action="append", default=[], help="a tag from the BUILD file")
    return parser


def split_argv(argv: Sequence[str]) -> tuple[list[str], list[str]]:
    """(the wrapper's arguments, the push script's arguments), split at the first `--`."""
    if "--" not in argv:
        return list(argv), []
    index = list(argv).index("--")
    return list(argv[:index]), list(argv[index + 1 :])


def run(
    argv: Sequence[str],
    environ: Mapping[str, str],
    *,
    make_lookup: LookupFactory = crane_digest_lookup,
    push: PushExec = exec_push,
) -> int:
    """Check every non-`latest` tag; push only when none conflicts. Returns the exit code."""
    own, extra = split_argv(argv)
    args = build_parser().parse_args(own)
    try:
        target = push_target(args.repository, args.tag, extra)
    except PushArgsError as error:
        print(f"push: {error}", file=sys.stderr)
        return 2
    try:
        image_dir = rlocation(args.image, environ)
        script = rlocation(args.push_script, environ)
        crane = rlocation(args.crane, environ)
        digest = local_digest(image_dir)
        lookup = make_lookup(crane, insecure=target.insecure)
        conflicts = find_conflicts(target.repository, target.tags, digest, lookup)
    except (RunfilesError, LayoutError) as error:
        print(f"push: {error}", file=sys.stderr)
        return 1
    except RegistryError as error:
        print(f"push: cannot check the tags, nothing pushed: {error}", file=sys.stderr)
        return 1
    for conflict in conflicts:
        print(conflict.message(), file=sys.stderr)
    if conflicts:
        return 1
    print(f"push: {target.repository} {digest} as {', '.join(target.tags) or 'no tag'}")
    return push(script, extra, environ)


def main() -> NoReturn:
    """Entry point of every gear's `:push`."""
    sys.exit(run(sys.argv[1:], os.environ))


if __name__ == "__main__":
    main()
