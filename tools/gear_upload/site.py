"""The Flywheel calls of an upload, through flywheel-sdk 23 (GearsApi and the current user)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import flywheel
import httpx2

from flywheel_access.failures import classify
from gear_keys import ApiKey
from gear_upload.errors import UploadError


@dataclass(frozen=True)
class SiteGear:
    """A gear version the site has."""

    id: str
    version: str
    rootfs_hash: str | None


def _reason(error: Exception, key: ApiKey) -> str:
    failure = classify(error, [key.secret, key.text])
    return failure.reason if failure is not None else type(error).__name__


# What a failed SDK call raises: an HTTP error answer, or no answer at all.
SDK_ERRORS = (flywheel.ApiException, httpx2.TransportError)


class Site:
    """One Flywheel site, reached with the user's key."""

    def __init__(self, client: Any, key: ApiKey) -> None:
        self._client = client
        self.key = key

    @classmethod
    def connect(cls, key: ApiKey) -> Site:
        """A client for the key's site (the SDK checks the key at once)."""
        try:
            return cls(flywheel.Client(key.text), key)
        except SDK_ERRORS as error:
            raise UploadError(f"cannot sign in to {key.origin}: {_reason(error, key)}") from None

    def _call(self, what: str, call: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return call(*args, **kwargs)
        except SDK_ERRORS as error:
            raise UploadError(f"{what} on {self.key.origin}: {_reason(error, self.key)}") from None

    def email(self) -> str:
        """The user's email: the registry user name."""
        user = self._call("GET /api/users/self", self._client.get_current_user)
        if not getattr(user, "email", None):
            raise UploadError(f"{self.key.origin}: the current user has no email")
        return str(user.email)

    def versions(self, name: str) -> list[SiteGear]:
        """Every version of the gear the site has, invalid ones included."""
        found = self._call(
            "GET /api/gears",
            self._client.get_all_gears,
            all_versions=True,
            include_invalid=True,
            filter=f"gear.name={name}",
        )
        return [
            SiteGear(
                id=str(g.id),
                version=str(g.gear.version),
                rootfs_hash=g.exchange.rootfs_hash if g.exchange else None,
            )
            for g in found or []
            if g.gear is not None and g.gear.name == name
        ]

    def prepare(self, document: dict[str, Any]) -> str:
        """POST /api/gears/prepare-add: the ticket for this gear document."""
        body = flywheel.GearDocumentInput(**document)
        ticket = self._call("POST /api/gears/prepare-add", self._client.prepare_add_gear, body)
        return str(ticket.ticket)

    def save(self, ticket: str, repo: str, pointer: str) -> str:
        """POST /api/gears/save: register the pushed image; the new gear's id."""
        body = flywheel.GearSaveSubmission(ticket=ticket, repo=repo, pointer=pointer)
        return str(self._call("POST /api/gears/save", self._client.save_gear, body).id)
