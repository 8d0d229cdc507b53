"""Where an imported module comes from: the standard library, a PyPI distribution, the lock."""

from __future__ import annotations

import importlib.metadata
import re
import sys
from functools import lru_cache
from pathlib import Path

from buildcheck.stdlib_310 import STDLIB_310

_REQUIREMENT = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*==")


def normalize_distribution(name: str) -> str:
    """rules_python's hub name for a distribution: lower case, runs of `-_.` as `_`."""
    return re.sub(r"[-_.]+", "_", name).lower()


def stdlib_modules() -> frozenset[str]:
    """Top-level names of Python 3.10's standard library."""
    if sys.version_info[:2] == (3, 10):
        return frozenset(sys.stdlib_module_names)
    return STDLIB_310


def top_level_modules(dist: importlib.metadata.Distribution) -> set[str]:
    """A distribution's top-level import names: top_level.txt, else inferred from its RECORD.

    (Python 3.10's packages_distributions() reads only top_level.txt, which wheels built by
    hatchling or poetry do not have.)
    """
    declared = (dist.read_text("top_level.txt") or "").split()
    if declared:
        return {name for name in declared if name.isidentifier()}
    names: set[str] = set()
    for file in dist.files or []:
        parts = file.parts
        if (
            not parts
            or parts[0] in ("..", "__pycache__")
            or parts[0].endswith((".dist-info", ".data"))
        ):
            continue
        first = parts[0]
        if len(parts) == 1:
            if first.endswith(".py"):
                names.add(first[: -len(".py")])
            elif first.endswith((".so", ".pyd")):
                names.add(first.split(".", 1)[0])
        else:
            names.add(first)
    return {name for name in names if name.isidentifier()}


@lru_cache(maxsize=1)
def module_distributions() -> dict[str, frozenset[str]]:
    """Top-level import name -> normalized names of the installed distributions providing it."""
    mapping: dict[str, set[str]] = {}
    for dist in importlib.metadata.distributions():
        name = dist.metadata["Name"]
        if not name:
            continue
        for module in top_level_modules(dist):
            mapping.setdefault(module, set()).add(normalize_distribution(name))
    return {module: frozenset(dists) for module, dists in mapping.items()}


def locked_distributions(lock: Path) -> frozenset[str]:
    """Normalized names of the distributions pinned in a requirements lock file."""
    names: set[str] = set()
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = _REQUIREMENT.match(line.strip())
        if match:
            names.add(normalize_distribution(match.group(1)))
    return frozenset(names)
