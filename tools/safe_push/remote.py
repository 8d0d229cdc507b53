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
_DIGEST = re.compile(r"^sha256:[0-9a-f]{64}$")


class RegistryError(Exception):
    """The registry could not be asked (authentication, network, an unexpected answer)."""


def is_not_found(output: str) -> bool:
    """True when crane's error output says the tag (or the whole repository) does not exist."""
    return bool(_NOT_FOUND.search(output)) and not _DENIED.search(output)


def _last_line(text: str) -> str:
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
        if is_not_found(output):
            return None
        hint = " (log in: docker login / crane auth login)" if _DENIED.search(output) else ""
        raise RegistryError(f"crane digest {reference} failed: {_last_line(output)}{hint}")

    return lookup
