"""A gear's CHANGELOG.md: an `## Unreleased` section on top, one `## VERSION - DATE` per release."""

from __future__ import annotations

import re
from datetime import date

UNRELEASED_HEADING = "## Unreleased"
NO_NOTES = "- No notable changes."
_HEADING = re.compile(r"^## ", re.MULTILINE)
_UNRELEASED = re.compile(r"^## +Unreleased *$", re.MULTILINE | re.IGNORECASE)


class ChangelogError(ValueError):
    """The CHANGELOG cannot take a release."""


def unreleased_notes(text: str) -> str:
    """The notes under `## Unreleased` (empty when none, or when there is no such heading)."""
    found = _UNRELEASED.search(text)
    if found is None:
        return ""
    following = _HEADING.search(text, found.end())
    return text[found.end() : following.start() if following else len(text)].strip()


def release(text: str, version: str, day: date) -> str:
    """Move the Unreleased notes under `## VERSION - DATE`, leaving an empty Unreleased section."""
    found = _UNRELEASED.search(text)
    if found is None:
        raise ChangelogError(f"no '{UNRELEASED_HEADING}' heading; add one above the releases")
    if re.search(rf"^## +{re.escape(version)}\b", text, re.MULTILINE):
        raise ChangelogError(f"already has a '## {version}' heading")
    body_start = found.end()
    following = _HEADING.search(text, body_start)
    body_end = following.start() if following else len(text)
    notes = text[body_start:body_end].strip("\n").rstrip() or NO_NOTES
    rest = text[body_end:]
    released = f"{UNRELEASED_HEADING}\n\n## {version} - {day.isoformat()}\n\n{notes}\n"
    return text[: found.start()] + released + ("\n" + rest if rest else "")
