"""Where `./dev run` writes: a lost terminal (SIGHUP: writes fail) must not end the run early."""

from __future__ import annotations

from typing import Protocol


class Output(Protocol):
    """What `./dev run` writes its lines to (sys.stdout, a StringIO in tests)."""

    def write(self, text: str, /) -> int:
        """Write `text`."""
        ...

    def flush(self) -> None:
        """Flush."""
        ...


class LossyOutput:
    """Writes to `stream` until a write fails (a closed terminal answers EIO), then drops the
    rest, so the run still waits for the gear, removes config.json and exits as it should."""

    def __init__(self, stream: Output) -> None:
        self._stream = stream
        self.broken = False

    def write(self, text: str, /) -> int:
        """Write `text`, unless the stream has failed."""
        if not self.broken:
            try:
                self._stream.write(text)
            except (OSError, ValueError):  # ValueError: the stream was closed
                self.broken = True
        return len(text)

    def flush(self) -> None:
        """Flush, unless the stream has failed."""
        if not self.broken:
            try:
                self._stream.flush()
            except (OSError, ValueError):
                self.broken = True
