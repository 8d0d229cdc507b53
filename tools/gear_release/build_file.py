"""Read and set the image values of a gear's src/docker/BUILD.bazel (its one flywheel_gear call).

A careful text edit: only the first string of `image_tags` changes, so every other tag
(`latest`, ...), comment and the file's formatting stay as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CALL = re.compile(r"^flywheel_gear\(", re.MULTILINE)
_TAGS = re.compile(r"\bimage_tags\s*=\s*\[(?P<body>[^\]]*)\]")
_STRING = re.compile(r"\"(?P<dq>[^\"\\\n]*)\"|'(?P<sq>[^'\\\n]*)'")
_NAME = re.compile(r"^\s*name\s*=\s*\"(?P<name>[^\"]*)\"", re.MULTILINE)
_REPOSITORY = re.compile(r"^\s*repository\s*=\s*\"(?P<repository>[^\"]*)\"", re.MULTILINE)
_REGISTRY = re.compile(r"^GEAR_REGISTRY\s*=\s*\"(?P<registry>[^\"]+)\"", re.MULTILINE)


class BuildFileError(ValueError):
    """The BUILD file does not have the one flywheel_gear call with literal image_tags."""


@dataclass(frozen=True)
class GearCall:
    """The image values of the flywheel_gear call."""

    name: str
    image_tags: list[str]
    repository: str | None  # None: the macro's default, GEAR_REGISTRY + "/" + name


def _call_text(text: str) -> tuple[int, int]:
    """(start, end) of the flywheel_gear call: from its name to the matching parenthesis."""
    calls = list(_CALL.finditer(text))
    if len(calls) != 1:
        raise BuildFileError(f"expected one flywheel_gear( call, found {len(calls)}")
    depth, position = 0, calls[0].end() - 1
    for position in range(calls[0].end() - 1, len(text)):
        depth += {"(": 1, ")": -1}.get(text[position], 0)
        if depth == 0:
            return calls[0].start(), position + 1
    raise BuildFileError("the flywheel_gear( call is not closed")


def _tags_match(text: str) -> tuple[re.Match[str], list[re.Match[str]]]:
    start, end = _call_text(text)
    tags = _TAGS.search(text, start, end)
    if tags is None:
        raise BuildFileError("flywheel_gear has no literal image_tags = [...] list")
    strings = list(_STRING.finditer(tags.group("body")))
    if not strings:
        raise BuildFileError("flywheel_gear image_tags is empty; the first tag is the version")
    return tags, strings


def read_call(text: str) -> GearCall:
    """The name, tags and repository of the flywheel_gear call."""
    start, end = _call_text(text)
    call = text[start:end]
    name = _NAME.search(call)
    if name is None:
        raise BuildFileError('flywheel_gear has no literal name = "..."')
    _, strings = _tags_match(text)
    repository = _REPOSITORY.search(call)
    return GearCall(
        name=name.group("name"),
        image_tags=[s.group("dq") if s.group("dq") is not None else s.group("sq") for s in strings],
        repository=repository.group("repository") if repository else None,
    )


def with_version_tag(text: str, version: str) -> str:
    """The BUILD text with the first image tag set to `version`; the rest untouched."""
    tags, strings = _tags_match(text)
    first = strings[0]
    body_start = tags.start("body")
    return text[: body_start + first.start()] + f'"{version}"' + text[body_start + first.end() :]


def gear_registry(registry_bzl_text: str) -> str:
    """GEAR_REGISTRY from tools/bazel/registry.bzl."""
    found = _REGISTRY.search(registry_bzl_text)
    if found is None:
        raise BuildFileError('tools/bazel/registry.bzl has no GEAR_REGISTRY = "..." line')
    return found.group("registry")


def macro_repository(call: GearCall, registry: str) -> str:
    """The repository the macro pushes to: the call's, else gear.bzl's `registry`/name."""
    return call.repository or f"{registry}/{call.name}"
