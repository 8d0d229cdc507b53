"""`crane digest` through a real subprocess: a fake crane prints digests or registry errors."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from safe_push.crane_answers import ANSWERS, CraneAnswer
from safe_push.remote import RegistryError, crane_digest_lookup, is_not_found

DIGEST = "sha256:" + "c" * 64
REPO = "registry.example.org/naccdata/x"


def fake_crane(directory: Path, answers: dict[str, tuple[int, str]]) -> Path:
    """A crane that answers `crane digest [flags] REF` from `answers` (exit code, output)."""
    log = directory / "crane.log"
    cases = "".join(
        f"  {shlex.quote(ref)}) echo {shlex.quote(out)} >&{1 if code == 0 else 2}; exit {code};;\n"
        for ref, (code, out) in answers.items()
    )
    script = directory / "crane"
    script.write_text(
        "#!/bin/sh\n"
        f'echo "$*" >> {shlex.quote(str(log))}\n'
        "for ref; do :; done\n"
        'case "$ref" in\n'
        f"{cases}"
        '  *) echo "Error: unexpected $ref" >&2; exit 3;;\n'
        "esac\n"
    )
    script.chmod(0o755)
    return script


NOT_FOUND = (
    "Error: fetching manifest registry.example.org/naccdata/x:0.2.0: GET "
    "https://registry.example.org/v2/naccdata/x/manifests/0.2.0: MANIFEST_UNKNOWN: "
    "manifest unknown; map[Tag:0.2.0]"
)
NO_REPO = (
    "Error: GET https://registry.example.org/v2/y/tags/list: NAME_UNKNOWN: "
    "repository name not known to registry"
)
DENIED = (
    "Error: GET https://auth.docker.io/token?scope=repository: UNAUTHORIZED: authentication "
    "required; [map[Action:pull Class: Name:naccdata/x Type:repository]]"
)


def test_digest_not_found_and_errors(tmp_path: Path) -> None:
    crane = fake_crane(
        tmp_path,
        {
            f"{REPO}:0.1.0": (0, DIGEST),
            f"{REPO}:0.2.0": (1, NOT_FOUND),
            f"{REPO}:gone": (1, NO_REPO),
            f"{REPO}:private": (1, DENIED),
            f"{REPO}:odd": (0, "hello"),
        },
    )
    lookup = crane_digest_lookup(crane)
    assert lookup(f"{REPO}:0.1.0") == DIGEST
    assert lookup(f"{REPO}:0.2.0") is None
    assert lookup(f"{REPO}:gone") is None
    with pytest.raises(RegistryError, match=r"UNAUTHORIZED.*log in"):
        lookup(f"{REPO}:private")
    with pytest.raises(RegistryError, match="unexpected output 'hello'"):
        lookup(f"{REPO}:odd")
    with pytest.raises(RegistryError, match="Error: unexpected"):
        lookup(f"{REPO}:network")
    log = (tmp_path / "crane.log").read_text().splitlines()
    assert log[0] == f"digest {REPO}:0.1.0"


def test_insecure_is_passed_to_crane(tmp_path: Path) -> None:
    crane = fake_crane(tmp_path, {f"{REPO}:0.1.0": (0, DIGEST)})
    assert crane_digest_lookup(crane, insecure=True)(f"{REPO}:0.1.0") == DIGEST
    assert (tmp_path / "crane.log").read_text().strip() == f"digest --insecure {REPO}:0.1.0"


def test_missing_crane_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(RegistryError, match="cannot run"):
        crane_digest_lookup(tmp_path / "no-crane")(f"{REPO}:0.1.0")


def test_denied_wins_over_not_found() -> None:
    assert is_not_found("unexpected status code 404 Not Found")
    assert not is_not_found("HEAD 404 Not Found; then GET: UNAUTHORIZED: authentication required")
    assert not is_not_found("dial tcp: lookup registry.example.org: no such host")


@pytest.mark.parametrize("answer", ANSWERS, ids=lambda a: a.name)
def test_recorded_answers_are_told_apart(tmp_path: Path, answer: CraneAnswer) -> None:
    assert is_not_found(answer.output, answer.reference) == (answer.meaning == "missing")
    crane = fake_crane(tmp_path, {answer.reference: (1, answer.output)})
    lookup = crane_digest_lookup(crane)
    if answer.meaning == "missing":
        assert lookup(answer.reference) is None
    else:
        with pytest.raises(RegistryError, match=r"log in"):
            lookup(answer.reference)


def test_both_meanings_are_recorded_for_docker_hub_and_elsewhere() -> None:
    kinds = {(a.meaning, "docker.io" in a.reference) for a in ANSWERS}
    assert kinds == {("missing", True), ("denied", True), ("missing", False), ("denied", False)}
    assert all(a.source for a in ANSWERS)


def test_docker_hub_rule_needs_the_same_repository_and_a_docker_hub_reference() -> None:
    (hub,) = [a for a in ANSWERS if a.name == "docker-hub-missing-repository"]
    # Another repository named in the detail than in the URL: not this repository's answer.
    other = hub.output.replace("Name:naccdata/new-gear", "Name:naccdata/other")
    assert not is_not_found(other, hub.reference)
    # The same words from a registry that is not Docker Hub mean a bad login there.
    assert not is_not_found(hub.output, "ghcr.io/naccdata/new-gear:0.1.0")
    assert is_not_found(hub.output, hub.reference)
