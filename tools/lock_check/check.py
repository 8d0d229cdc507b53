"""The lock check: each direct requirement pinned, hashed and in range; nothing else direct."""

from __future__ import annotations

from pathlib import Path

from packaging.utils import canonicalize_name

from lock_check.parse import read_lock, read_requirements_in

FIX = "run ./dev lock"


def check_lock(requirements_in: Path, lock: Path) -> list[str]:
    """Every disagreement between requirements.in and the lock, one line each."""
    requirements, problems = read_requirements_in(requirements_in.read_text())
    packages = read_lock(lock.read_text(), requirements_in.name)
    wanted = {canonicalize_name(r.name): r for r in requirements}
    for name, requirement in sorted(wanted.items()):
        locked = packages.get(name)
        if locked is None:
            problems.append(
                f"{lock.name}: {name} is in {requirements_in.name} but not locked; {FIX}"
            )
            continue
        if not locked.hashed:
            problems.append(f"{lock.name}: {name} has no --hash; {FIX}")
        outside = sorted(v for v in locked.versions if v not in requirement.specifier)
        if outside:
            problems.append(
                f"{lock.name}: {name}=={', '.join(outside)} does not satisfy "
                f"{requirements_in.name}'s {requirement}; {FIX}"
            )
        wanted_extras = {canonicalize_name(e) for e in requirement.extras}
        missing_extras = sorted(wanted_extras - locked.extras)
        if missing_extras:
            problems.append(
                f"{lock.name}: {name} is pinned without the extras {missing_extras} that "
                f"{requirements_in.name} asks for (Bazel installs only what the pin names); {FIX}"
            )
        if not locked.direct:
            problems.append(
                f"{lock.name}: {name} is not marked as from {requirements_in.name}; {FIX}"
            )
    stale = sorted(n for n, p in packages.items() if p.direct and n not in wanted)
    problems += [
        f"{lock.name}: {name} is locked as direct but no longer in {requirements_in.name}; {FIX}"
        for name in stale
    ]
    problems += [
        f"{lock.name}: {name} has no --hash; {FIX}"
        for name, package in sorted(packages.items())
        if not package.hashed and name not in wanted
    ]
    return problems
