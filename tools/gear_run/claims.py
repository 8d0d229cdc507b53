"""Which run folders still hold the API key of a run that is over: a claim per run.

Each `./dev run` holds an exclusive lock (flock) on `<run folder>/.dev-run` while it lasts; the
file says whether the run keeps config.json (`--keep`). The kernel drops the lock however the
run ends, SIGKILL included. The next `./dev run` removes config.json from every run folder
whose claim is no longer locked and that was not kept: the key of a killed run does not stay.
Run folders without a claim (made before claims existed) are left alone.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from pathlib import Path

from gear_spec import GearPaths

CLAIM_NAME = ".dev-run"
CLAIM_MODE = 0o600


class RunClaim:
    """The lock a run holds on its folder while it lasts (`release()` when it ends)."""

    def __init__(self, folder: Path, keep: bool) -> None:
        self.path = folder / CLAIM_NAME
        self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, CLAIM_MODE)
        fcntl.flock(self._fd, fcntl.LOCK_EX)
        os.write(self._fd, json.dumps({"pid": os.getpid(), "keep": keep}).encode("utf-8"))

    def release(self) -> None:
        """Drop the lock (closing the file does)."""
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


def _kept(claim_fd: int) -> bool:
    try:
        data = json.loads(os.read(claim_fd, 4096) or b"{}")
    except ValueError:
        return False
    return isinstance(data, dict) and data.get("keep") is True


def remove_stale_keys(runs_root: Path) -> list[Path]:
    """Remove config.json from every run folder under `runs_root` whose run is over (its claim
    is not locked) and did not ask to keep it; the files removed."""
    removed: list[Path] = []
    for claim in sorted(runs_root.glob(f"*/{CLAIM_NAME}")):
        config = GearPaths(claim.parent).config
        if not config.exists():
            continue
        try:
            fd = os.open(claim, os.O_RDONLY | os.O_CLOEXEC)
        except OSError:
            continue
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except BlockingIOError:
                continue  # its run is still going
            if _kept(fd):
                continue
            with contextlib.suppress(FileNotFoundError):
                config.unlink()
                removed.append(config)
        finally:
            os.close(fd)
    return removed
