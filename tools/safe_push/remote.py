"""Ask the registry which digest a tag points at, with `crane digest`."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

# "repo:tag" -> the digest the registry has for it, or None when the tag does not exist.
DigestLookup = Callable[[str], str | None]

# Registry error codes (OCI distribution spec) and the HTTP status that mean "no such tag".
_NOT_FOUND = re.compile(r"MANIFEST_UNKNOWN|NAME_UNKNOWN|\b404 Not Found\b")
_DENIED = re.compile(r"UNAUTHORIZED|DENIED|\b401 Unauthorized\b|\b403 Forbidden\b")
# A token server's answer (bearer auth): it judged the credentials, not the repository.
_TOKEN_SERVER = re.compile(r"https?://\S+/token\?|no token in bearer response")
# Docker Hub's own answer for a repository the token may not pull, which is what it says for a
# repository that does not exist yet (crane_answers.py, "docker-hub-missing-repository").
_HUB_NO_REPOSITORY = re.compile(
    r"GET https://(?:index|registry-1)\.docker\.io/v2/(?P<path>\S+)/manifests/\S+: "
    r"UNAUTHORIZED: authentication required; "
    r"\[map\[Action:pull Class: Name:(?P<name>\S+) Type:repository\]\]$"
)
_DOCKER_HUB_HOSTS = ("index.docker.io/", "registry-1.docker.io/", "docker.io/")
_DIGEST = re.compile(r"^sha256:[0-9a-f]{64}$")


class RegistryError(Exception):
    """The registry could not be asked (authentication, network, an unexpected answer)."""


def _final_error(output: str) -> str:
    """crane's last `Error:` line (digest tries HEAD, then GET; the GET's answer counts)."""
    errors = [line.strip() for line in output.splitlines() if line.strip().startswith("Error:")]
    return errors[-1] if errors else output


def is_not_found(output: str, reference: str = "") -> bool:
    """True when crane's error output says the tag, or its whole repository, does not exist.

    MANIFEST_UNKNOWN, NAME_UNKNOWN or a 404 from the registry mean it does. Docker Hub also
    answers UNAUTHORIZED, scoped to the repository, for a repository that does not exist yet;
    that counts as missing for a Docker Hub `reference` (an account that may push there may
    also read it, so no existing tag can hide behind it). Bad credentials fail earlier, at the
    token server, and are never "missing"; elsewhere (basic auth) UNAUTHORIZED means a bad login.
    """
    final = _final_error(output)
    if _TOKEN_SERVER.search(final):
        return False
    if _NOT_FOUND.search(final) and not _DENIED.search(final):
        return True
    hub = _HUB_NO_REPOSITORY.search(final)
    return (
        hub is not None and hub["path"] == hub["name"] and reference.startswith(_DOCKER_HUB_HOSTS)
    )


def last_line(text: str) -> str:
    """The last non-blank line of a tool's output (its error, usually)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else "no output"


def crane_digest_lookup(
    crane: Path, *, insecure: bool = False, timeout: float = 120.0
) -> DigestLookup:
    """A DigestLookup that runs `crane digest [--insecure] <repo>:<tag>`."""

    def lookup(reference: str) -> str | None:
        argv = [str(crane), "digest", *(["--insecure"] if insecure else []), reference]
        try:
            done = subprocess.run(
                argv, capture_output=True, text=True, timeout=timeout, check=False
            )
        except OSError as error:
            raise RegistryError(f"cannot run {crane}: {error.strerror}") from None
        except subprocess.TimeoutExpired:
            raise RegistryError(f"crane digest {reference}: no answer in {timeout:.0f}s") from None
        if done.returncode == 0:
            digest = done.stdout.strip()
            if not _DIGEST.match(digest):
                raise RegistryError(f"crane digest {reference}: unexpected output {digest!r}")
            return digest
        output = f"{done.stdout}\n{done.stderr}"
        if is_not_found(output, reference):
            return None
        denied = _DENIED.search(_final_error(output))
        hint = " (log in: docker login / crane auth login)" if denied else ""
        raise RegistryError(f"crane digest {reference} failed: {last_line(output)}{hint}")

    return lookup
