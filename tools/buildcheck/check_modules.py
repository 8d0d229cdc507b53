"""Module resolution against the checked-in registry record (tools/bcr_facts), as problems."""

from __future__ import annotations

from pathlib import Path

from bcr_facts.repo import check_repository
from buildcheck.model import Problem


def module_problems(root: Path) -> list[Problem]:
    """What Bazel's module resolution would refuse, one problem each, about MODULE.bazel."""
    return [Problem("MODULE.bazel", "", text) for text in check_repository(root).problems]
