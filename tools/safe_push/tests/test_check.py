"""The tag rule: only `latest` may move; a missing tag is fine; a moved version tag is refused."""

from __future__ import annotations

from safe_push.check import MOVABLE_TAGS, find_conflicts
from safe_push.remote import DigestLookup

REPO = "index.docker.io/naccdata/project-management"
LOCAL = "sha256:" + "1" * 64
OTHER = "sha256:" + "2" * 64


def lookup_from(remote: dict[str, str]) -> tuple[list[str], DigestLookup]:
    asked: list[str] = []

    def lookup(reference: str) -> str | None:
        asked.append(reference)
        return remote.get(reference)

    return asked, lookup


def test_new_tags_and_same_digest_pass() -> None:
    asked, lookup = lookup_from({f"{REPO}:0.1.0": LOCAL})
    assert find_conflicts(REPO, ["0.1.0", "0.1.1"], LOCAL, lookup) == []
    assert asked == [f"{REPO}:0.1.0", f"{REPO}:0.1.1"]


def test_latest_is_never_asked_about() -> None:
    asked, lookup = lookup_from({f"{REPO}:latest": OTHER})
    assert "latest" in MOVABLE_TAGS
    assert find_conflicts(REPO, ["0.1.0", "latest"], LOCAL, lookup) == []
    assert asked == [f"{REPO}:0.1.0"]


def test_version_tag_with_another_digest_is_a_conflict() -> None:
    _, lookup = lookup_from({f"{REPO}:0.1.0": OTHER, f"{REPO}:stable": OTHER})
    conflicts = find_conflicts(REPO, ["0.1.0", "latest", "stable"], LOCAL, lookup)
    assert [c.tag for c in conflicts] == ["0.1.0", "stable"]
    message = conflicts[0].message()
    assert f"{REPO}:0.1.0" in message
    assert f"the registry has {OTHER}" in message
    assert f"this build is {LOCAL}" in message
    assert "\n" not in message
