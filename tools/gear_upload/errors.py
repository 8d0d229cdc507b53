"""The errors an upload reports as one line, with the exit code each means."""

from __future__ import annotations

INVALID = 2  # a bad invocation: manifest, OCI layout, key, arguments; nothing was asked
FAILED = 1  # the site or registry said no, or could not be reached


class UploadError(Exception):
    """One line for the user, and the exit code."""

    def __init__(self, message: str, code: int = FAILED) -> None:
        super().__init__(message)
        self.code = code
