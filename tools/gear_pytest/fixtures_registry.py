"""A real OCI registry for tests: Debian's docker-registry (Distribution 2.8) on 127.0.0.1.

`oci_registry_factory(users)` starts one with htpasswd basic auth (bcrypt entries) for the
given user -> password map, on a free port it picks itself (read back from its log), with its
storage in the test's tmp dir; every one is stopped after the test. `make_oci_layout` builds a
tiny image as an OCI layout with Debian's `umoci --rootless`, no Docker needed. `./dev`
installs docker-registry, skopeo and umoci (tools/dev_cli/debian_tools.py); a missing one
fails the test with the command that installs it.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import bcrypt
import pytest

REGISTRY_TOOLS = ("docker-registry", "skopeo", "umoci")
_LISTENING = re.compile(r'msg="listening on (127\.0\.0\.1:\d+)"')
_STOP_TIMEOUT = 20.0
MANIFEST_TYPES = ", ".join(
    [
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.docker.distribution.manifest.v2+json",
    ]
)


def require_tools(*names: str) -> None:
    """Fail (not skip) naming the Debian packages to install when one is missing."""
    missing = [name for name in names if shutil.which(name) is None]
    if missing:
        pytest.fail(f"missing {', '.join(missing)}: apt-get install {' '.join(missing)}")


@dataclass
class OciRegistry:
    """A running registry: `host` is 127.0.0.1:PORT (plain HTTP)."""

    host: str
    process: subprocess.Popen[str]

    def answer(
        self, method: str, path: str, user: str, password: str
    ) -> tuple[int, dict[str, str], bytes]:
        """(status, headers, body) of one request with basic auth."""
        token = base64.b64encode(f"{user}:{password}".encode()).decode()
        request = urllib.request.Request(
            f"http://{self.host}{path}",
            method=method,
            headers={"Authorization": f"Basic {token}", "Accept": MANIFEST_TYPES},
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def digest(self, name: str, tag: str, user: str, password: str) -> str | None:
        """The digest the registry reports for name:tag (Docker-Content-Digest), or None."""
        status, headers, _ = self.answer("HEAD", f"/v2/{name}/manifests/{tag}", user, password)
        return headers.get("Docker-Content-Digest") if status == 200 else None


def _config(root: Path, users: dict[str, str]) -> Path:
    htpasswd = root / "htpasswd"
    htpasswd.write_text(
        "".join(
            f"{user}:{bcrypt.hashpw(pw.encode(), bcrypt.gensalt(rounds=4)).decode()}\n"
            for user, pw in users.items()
        )
    )
    config = {
        "version": 0.1,
        "log": {"level": "info", "formatter": "text"},
        "storage": {"filesystem": {"rootdirectory": str(root / "data")}},
        "http": {"addr": "127.0.0.1:0"},
        "auth": {"htpasswd": {"realm": "test-registry", "path": str(htpasswd)}},
    }
    path = root / "config.yml"
    path.write_text(json.dumps(config))  # JSON is YAML
    return path


def _drain_output(process: subprocess.Popen[str]) -> None:
    """Read and drop the rest of the process's log in a daemon thread (a full pipe would block)."""

    def drain() -> None:
        assert process.stdout is not None
        for _ in process.stdout:
            pass

    threading.Thread(target=drain, daemon=True).start()


def _wait_for_address(process: subprocess.Popen[str]) -> str:
    """Read the registry's log until it says where it listens (or it exits)."""
    assert process.stdout is not None
    seen = []
    for line in process.stdout:
        seen.append(line.strip())
        found = _LISTENING.search(line)
        if found:
            return found.group(1)
    raise RuntimeError("docker-registry exited before listening: " + " | ".join(seen[-5:]))


RegistryFactory = Callable[[dict[str, str]], OciRegistry]


@pytest.fixture
def oci_registry_factory(tmp_path: Path) -> Iterator[RegistryFactory]:
    """`factory({user: password})` -> a started registry with those logins; stopped after."""
    started: list[subprocess.Popen[str]] = []

    def factory(users: dict[str, str]) -> OciRegistry:
        require_tools("docker-registry")
        root = tmp_path / f"registry-{len(started)}"
        root.mkdir()
        process = subprocess.Popen(
            ["docker-registry", "serve", str(_config(root, users))],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        started.append(process)
        try:
            host = _wait_for_address(process)
        except RuntimeError:
            process.kill()
            raise
        _drain_output(process)
        return OciRegistry(host=host, process=process)

    yield factory
    for process in started:
        process.terminate()
        try:
            process.wait(timeout=_STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def make_oci_layout(directory: Path, content: str, labels: dict[str, str] | None = None) -> Path:
    """A one-layer image holding /hello (with `content`) as an OCI layout in `directory`."""
    require_tools("umoci")
    rootfs = directory.parent / f"{directory.name}-rootfs"
    rootfs.mkdir(parents=True)
    (rootfs / "hello").write_text(content)
    image = f"{directory}:latest"

    def umoci(*args: str) -> None:
        subprocess.run(["umoci", *args], check=True, capture_output=True, text=True, timeout=60)

    umoci("init", "--layout", str(directory))
    umoci("new", "--image", image)
    umoci("insert", "--rootless", "--image", image, str(rootfs), "/")
    for key, value in (labels or {}).items():
        umoci("config", "--rootless", "--image", image, f"--config.label={key}={value}")
    return directory
