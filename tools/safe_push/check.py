"""The rule: a version tag the registry already has may only point at the same image again."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from safe_push.remote import DigestLookup

# Tags that move by design; every other tag names one image forever.
MOVABLE_TAGS = frozenset({"latest"})


@dataclass(frozen=True)
class TagConflict:
    """A tag the registry has for another image than the one about to be pushed."""

    repository: str
    tag: str
    remote_digest: str
    local_digest: str

    def message(self) -> str:
        """One line naming the tag and both digests, with the fix."""
        return (
            f"refusing to push {self.repository}:{self.tag}: the registry has {self.remote_digest},"
            f" this build is {self.local_digest}; only {', '.join(sorted(MOVABLE_TAGS))} may move"
            " (bump the version in manifest.json and the BUILD file's image_tags)"
        )


def find_conflicts(
    repository: str, tags: Iterable[str], local_digest: str, lookup: DigestLookup
) -> list[TagConflict]:
    """Every non-movable tag the registry has with another digest (a missing tag is fine)."""
    conflicts = []
    for tag in tags:
        if tag in MOVABLE_TAGS:
            continue
        remote = lookup(f"{repository}:{tag}")
        if remote is not None and remote != local_digest:
            conflicts.append(TagConflict(repository, tag, remote, local_digest))
    return conflicts
