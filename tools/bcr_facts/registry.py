"""Reading a Bazel registry: over HTTP(S), from a directory (or file:// URL), or a git checkout.

A registry serves `modules/<name>/metadata.json` and `modules/<name>/<version>/MODULE.bazel`
(the Bazel Central Registry's layout). `read()` returns None for a file the registry does not
have and raises RegistryError when the registry cannot be read at all.
"""

from __future__ import annotations

import subprocess
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Protocol

from bcr_facts.record import Source

DEFAULT_REGISTRY = "https://bcr.bazel.build"
_TIMEOUT_SECONDS = 30.0


class RegistryError(RuntimeError):
    """The registry could not be read (down, refused, unreadable checkout)."""


class Registry(Protocol):
    """Where module files come from."""

    def read(self, path: str) -> str | None:
        """The text of `path` (e.g. `modules/x/metadata.json`), or None when absent."""

    def source(self) -> Source:
        """Which registry, commit and date the facts come from."""


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class HttpRegistry:
    """A registry served over HTTP(S)."""

    url: str

    def read(self, path: str) -> str | None:
        address = f"{self.url.rstrip('/')}/{path}"
        try:
            with urllib.request.urlopen(address, timeout=_TIMEOUT_SECONDS) as response:
                body: bytes = response.read()
                return body.decode("utf-8")
        except urllib.error.HTTPError as error:
            if error.code in (404, 410):
                return None
            raise RegistryError(
                f"cannot read {address}: HTTP {error.code} {error.reason}"
            ) from None
        except (urllib.error.URLError, OSError, UnicodeDecodeError) as error:
            reason = getattr(error, "reason", error)
            raise RegistryError(f"cannot read {address}: {reason}") from None

    def source(self) -> Source:
        return Source(self.url, "", _now())


@dataclass
class DirRegistry:
    """A registry in a local directory (a BCR work tree, or a file:// URL)."""

    root: Path
    name: str

    def read(self, path: str) -> str | None:
        target = self.root / path
        try:
            return target.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as error:
            raise RegistryError(f"cannot read {target}: {error}") from None

    def source(self) -> Source:
        return Source(self.name, "", _now())


@dataclass
class GitRegistry:
    """A registry read from a git repository (bare or not) at one commit, without a work tree."""

    git_dir: Path
    commit: str

    def _git(self, *args: str) -> subprocess.CompletedProcess[str]:
        try:
            return subprocess.run(
                ["git", f"--git-dir={self.git_dir}", *args],
                capture_output=True,
                text=True,
                check=False,
            )
        except OSError as error:
            raise RegistryError(f"cannot run git: {error}") from None

    def read(self, path: str) -> str | None:
        done = self._git("cat-file", "blob", f"{self.commit}:{path}")
        if done.returncode == 0:
            return done.stdout
        exists = self._git("cat-file", "-e", f"{self.commit}^{{commit}}")
        if exists.returncode != 0:
            raise RegistryError(f"{self.git_dir}: no commit {self.commit}")
        return None

    def source(self) -> Source:
        done = self._git("log", "-1", "--format=%H %cI", self.commit)
        if done.returncode != 0 or not done.stdout.strip():
            raise RegistryError(f"{self.git_dir}: no commit {self.commit}")
        commit, date = done.stdout.split()
        origin = self._git("config", "--get", "remote.origin.url").stdout.strip()
        return Source(origin or str(self.git_dir), commit, date)


def _git_dir(path: Path) -> Path | None:
    for candidate in (path / ".git", path):
        if (candidate / "HEAD").is_file() and (candidate / "objects").is_dir():
            return candidate
    return None


def open_registry(where: str, commit: str = "HEAD") -> Registry:
    """`https://...`/`http://...`, `file:///dir`, a directory, or a git checkout (at `commit`)."""
    parsed = urllib.parse.urlparse(where)
    if parsed.scheme in ("http", "https"):
        return HttpRegistry(where)
    path = Path(urllib.parse.unquote(parsed.path)) if parsed.scheme == "file" else Path(where)
    if parsed.scheme not in ("", "file"):
        raise RegistryError(f"registry {where!r}: use http(s)://, file:// or a directory")
    if not path.is_dir():
        raise RegistryError(f"registry {where!r}: no such directory")
    git_dir = _git_dir(path)
    if git_dir is not None:
        return GitRegistry(git_dir, commit)
    return DirRegistry(path, where)
