"""The one exception route handlers raise: an HTTP error with a JSON body like the real API's."""

from __future__ import annotations

from typing import Any


class HttpError(Exception):
    """An error response: `{"message": ..., "status": ...}` with that HTTP status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message

    def body(self) -> dict[str, Any]:
        """The JSON body the real Flywheel API sends for an error."""
        return {"message": self.message, "status": self.status}


def not_found(kind: str, ident: str) -> HttpError:
    """404 for a missing container, user or role."""
    return HttpError(404, f"{kind} '{ident}' not found")


def bad_request(message: str) -> HttpError:
    """400 for a malformed request."""
    return HttpError(400, message)


def conflict(message: str) -> HttpError:
    """409 for something that already exists."""
    return HttpError(409, message)
