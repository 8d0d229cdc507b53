"""The registry login for one push: a 0600 auth file in a private directory, always removed.

The file is `config.json` in Docker's format (`{"auths": {HOST: {"auth": base64(user:pw)}}}`),
which both pushers read: crane through `DOCKER_CONFIG=<dir>`, skopeo through
`--dest-authfile <dir>/config.json`. Only the path ever reaches a command line. The directory
is removed when the block ends, at interpreter exit, and on SIGTERM or SIGHUP (which end the
upload as an exit 128+N, so the `finally` runs; SIGINT already does, as KeyboardInterrupt).
"""

from __future__ import annotations

import atexit
import base64
import json
import os
import shutil
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from gear_stop import handling

AUTH_FILE = "config.json"
_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


def _exit_on_signal(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


@contextmanager
def registry_login(registry: str, user: str, password: str) -> Iterator[Path]:
    """A private directory holding `config.json` with this login; gone when the block ends."""
    directory = Path(tempfile.mkdtemp(prefix="gear-upload-auth-"))  # mode 0700

    def remove() -> None:
        shutil.rmtree(directory, ignore_errors=True)

    atexit.register(remove)
    try:
        with handling(_SIGNALS, _exit_on_signal):  # main thread only; atexit still cleans up
            token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
            data = json.dumps({"auths": {registry: {"auth": token}}})
            descriptor = os.open(directory / AUTH_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                handle.write(data)
            yield directory
    finally:
        remove()
        atexit.unregister(remove)
