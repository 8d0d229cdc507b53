"""The gear list in tools/bazel/gears.bzl: `GEARS = [...]`, folder names, sorted."""

from __future__ import annotations

import re

_GEARS = re.compile(r"^GEARS = \[(?P<body>[^\]]*)\]", re.MULTILINE)
_STRING = re.compile(r"\"([^\"]*)\"")


class GearListError(ValueError):
    """gears.bzl has no literal GEARS list."""


def gear_folders(text: str) -> list[str]:
    """The folders GEARS lists."""
    found = _GEARS.search(text)
    if found is None:
        raise GearListError("no literal GEARS = [...] list; add the gear by hand")
    return _STRING.findall(found.group("body"))


def with_gear(text: str, folder: str) -> str:
    """gears.bzl text with `folder` added to GEARS (sorted, one per line, as buildifier wants)."""
    folders = sorted(set(gear_folders(text)) | {folder})
    body = "".join(f'    "{name}",\n' for name in folders)
    return _GEARS.sub(lambda _: "GEARS = [\n" + body + "]", text, count=1)
