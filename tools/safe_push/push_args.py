"""The arguments rules_oci's push script accepts after `bazel run :push --`, read the same way.

rules_oci 2.3.0 `oci/private/push.sh.tpl`: `-r/--repository X` (or `--repository=X`) replaces
the repository (the last one wins), `-t/--tag X` (or `--tag=X`) adds a tag, `--insecure`
allows plain HTTP; everything else goes to `crane push`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


class PushArgsError(Exception):
    """A flag that needs a value has none."""


@dataclass(frozen=True)
class PushTarget:
    """Where the push script will push, and which tags it will set."""

    repository: str
    tags: tuple[str, ...]
    insecure: bool


def _value(args: Sequence[str], index: int) -> str:
    if index + 1 >= len(args):
        raise PushArgsError(f"{args[index]} needs a value, e.g. {args[index]} 1.2.3")
    return args[index + 1]


def push_target(repository: str, tags: Sequence[str], extra: Sequence[str]) -> PushTarget:
    """The repository and tags the push script ends up with, given the extra arguments."""
    all_tags = list(tags)
    insecure = False
    index = 0
    while index < len(extra):
        arg = extra[index]
        if arg in ("-r", "--repository"):
            repository = _value(extra, index)
            index += 2
        elif arg in ("-t", "--tag"):
            all_tags.append(_value(extra, index))
            index += 2
        elif arg.startswith("--repository="):
            repository = arg.removeprefix("--repository=")
            index += 1
        elif arg.startswith("--tag="):
            all_tags.append(arg.removeprefix("--tag="))
            index += 1
        elif arg == "--platform":
            index += 2
        else:
            insecure = insecure or arg == "--insecure"
            index += 1
    return PushTarget(repository, tuple(dict.fromkeys(all_tags)), insecure)
