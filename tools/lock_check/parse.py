"""Reading requirements.in and a uv-compiled, hash-locked requirements file."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

_PIN = re.compile(
    r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)(?:\[(?P<extras>[^\]]*)\])?==(?P<version>[^\s;\\]+)"
)


@dataclass
class LockedPackage:
    """One pinned package of the lock (a package can be pinned once per marker set)."""

    name: str
    versions: set[str] = field(default_factory=set)
    extras: set[str] = field(default_factory=set)  # as pinned: `moto[server,ssm]==...`
    hashed: bool = False
    direct: bool = False  # uv's `via -r requirements.in`


def read_requirements_in(text: str) -> tuple[list[Requirement], list[str]]:
    """The requirements of requirements.in, and a message per line that is not one."""
    requirements: list[Requirement] = []
    errors: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        try:
            requirements.append(Requirement(line))
        except InvalidRequirement as error:
            errors.append(f"requirements.in line {number}: {error}")
    return requirements, errors


def read_lock(text: str, source_name: str = "requirements.in") -> dict[str, LockedPackage]:
    """The lock's packages by canonical name, with whether uv marked them as direct."""
    packages: dict[str, LockedPackage] = {}
    current: LockedPackage | None = None
    for line in text.splitlines():
        match = _PIN.match(line)
        if match:
            name = canonicalize_name(match["name"])
            current = packages.setdefault(name, LockedPackage(name))
            current.versions.add(match["version"])
            extras = (match["extras"] or "").split(",")
            current.extras |= {canonicalize_name(e.strip()) for e in extras if e.strip()}
            continue
        if current is None:
            continue
        stripped = line.strip()
        if stripped.startswith("--hash=sha256:"):
            current.hashed = True
        elif stripped.lstrip("#").strip().removeprefix("via").strip() == f"-r {source_name}":
            current.direct = True
    return packages
