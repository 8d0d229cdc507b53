"""Image tags: valid OCI tags, each given once.

The rule is the OCI Distribution Specification's (opencontainers/distribution-spec, spec.md,
"Pulling manifests"): a `<reference>` that is a tag "MUST be at most 128 characters in length
and MUST match the following regular expression: `[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}`".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from message_quotes import quoted

OCI_TAG = re.compile(r"[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}")
OCI_TAG_RULE = "1-128 characters of a-z, A-Z, 0-9, '_', '.', '-', not starting with '.' or '-'"


def is_oci_tag(value: object) -> bool:
    """Whether `value` is a valid OCI tag."""
    return isinstance(value, str) and OCI_TAG.fullmatch(value) is not None


def oci_tag_problems(tags: Sequence[str]) -> list[str]:
    """A line for every tag that is not a valid OCI tag or repeats an earlier one."""
    problems = []
    seen: set[str] = set()
    for position, tag in enumerate(tags):
        if not is_oci_tag(tag):
            problems.append(
                f"image tag {position + 1} {quoted(tag)} is not a valid OCI tag ({OCI_TAG_RULE})"
            )
        elif tag in seen:
            problems.append(f"image tag {position + 1} {quoted(tag)} is given twice; list it once")
        seen.add(tag)
    return problems


def split_image(image: str) -> tuple[str, str | None]:
    """`host:5000/org/x:1.0` -> (`host:5000/org/x`, `1.0`); a port is not a tag."""
    slash = image.rfind("/")
    colon = image.rfind(":")
    if colon > slash:
        return image[:colon], image[colon + 1 :]
    return image, None
