"""Which labels and tags Flywheel stores as given: checked before anything is written.

Labels: fw-meta's `load_cont_label` (fw_meta/imports.py, 4.9.6), what Flywheel's own importers
use, replaces control characters (and `*/:<>?\\|`, for file paths) and cuts a container label
to 64 characters "for CoreAPI". A label that it would change is refused here rather than stored
differently from the project file: no control characters, at most `MAX_LABEL_LENGTH`
characters.

Tags: flywheel-sdk 23's `Tag` model declares `value: str` with no pattern or length, and no
Flywheel source we have states a rule (docs/flywheel-values.md says so); a tag is refused when
it holds control characters, as for labels, since it would not show as written
(docs/flywheel-values.md).

Both: leading or trailing spaces are refused (Flywheel would keep them, so `alpha` and
`alpha ` become two tags), and so is an empty value.
"""

from __future__ import annotations

import unicodedata

MAX_LABEL_LENGTH = 64  # fw-meta load_cont_label: "truncate to 64 chars for CoreAPI"
# Control characters (C0, DEL, C1) and the Unicode line and paragraph separators.
_CONTROL_CATEGORIES = frozenset({"Cc", "Zl", "Zp"})


def has_control_character(value: str) -> bool:
    """Whether `value` holds a control character or a line/paragraph separator."""
    return any(unicodedata.category(character) in _CONTROL_CATEGORIES for character in value)


def _text_problem(value: str) -> str | None:
    if not value.strip():
        return "must not be empty"
    if has_control_character(value):
        return "holds a control character (a tab, a line break, ...); remove it"
    if value != value.strip():
        return "starts or ends with a space; remove it"
    return None


def label_problem(value: str) -> str | None:
    """Why Flywheel would refuse or change the container label `value`, or None."""
    problem = _text_problem(value)
    if problem is None and len(value) > MAX_LABEL_LENGTH:
        return (
            f"is {len(value)} characters long; Flywheel keeps at most {MAX_LABEL_LENGTH}"
            " (shorten it)"
        )
    return problem


def tag_problem(value: str) -> str | None:
    """Why the tag `value` would not be stored as written, or None (see the module doc)."""
    return _text_problem(value)
