"""The site's gears and upload tickets, with Flywheel's rules for adding a gear.

Shapes are flywheel-sdk 23's models: a GearDocument `{_id, category, gear, exchange, created,
modified}` (`gear` is the manifest; `exchange` has `rootfs-url` and `rootfs-hash`), a
GearTicket `{_id, origin, geardoc, timestamp}` whose geardoc is the GearDocumentInput sent to
prepare-add, and a GearSaveSubmission `{ticket, repo, pointer}` for save.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flywheel_standin.errors import HttpError, bad_request, conflict, not_found

Json = dict[str, Any]

# flywheel-sdk 23 models/gear_category.py
CATEGORIES = ("analysis", "converter", "utility", "classifier", "qa")
_NAME = re.compile(r"^[a-z0-9\-]+$")  # the manifest schema's gear name pattern
_DIGEST = re.compile(r"^sha256:[0-9a-f]{64}$")


def _text(doc: Json, key: str, where: str) -> str:
    value = doc.get(key)
    if not isinstance(value, str) or not value:
        raise bad_request(f"{where}{key} must be a non-empty string")
    return value


def check_gear_document(body: Any) -> Json:
    """A GearDocumentInput as prepare-add accepts it; 400 naming the first bad field."""
    if not isinstance(body, dict):
        raise bad_request("The request body must be a JSON object")
    if body.get("category") not in CATEGORIES:
        raise bad_request(f"category must be one of {', '.join(CATEGORIES)}")
    gear = body.get("gear")
    if not isinstance(gear, dict):
        raise bad_request("gear must be the gear manifest (an object)")
    if not _NAME.match(_text(gear, "name", "gear.")):
        raise bad_request("gear.name must be lower-case letters, digits and dashes")
    _text(gear, "version", "gear.")
    exchange = body.get("exchange")
    if not isinstance(exchange, dict):
        raise bad_request("exchange must hold rootfs-url and rootfs-hash")
    if not _text(exchange, "rootfs-url", "exchange.").startswith("docker://"):
        raise bad_request("exchange.rootfs-url must be docker://<registry>/<name>:<version>")
    if not _DIGEST.match(_text(exchange, "rootfs-hash", "exchange.")):
        raise bad_request("exchange.rootfs-hash must be sha256:<64 hex digits>")
    return {k: copy.deepcopy(body[k]) for k in ("category", "gear", "exchange")}


@dataclass
class GearShelf:
    """Gears by id, open tickets by id, and who may add gears (None: every user, as admins)."""

    gears: dict[str, Json] = field(default_factory=dict)
    tickets: dict[str, Json] = field(default_factory=dict)
    uploaders: set[str] | None = None

    def check_may_add(self, user_id: str) -> None:
        """403 unless this user may add gears to the site."""
        if self.uploaders is not None and user_id not in self.uploaders:
            raise HttpError(403, f"User {user_id} does not have permission to add gears")

    def find(self, name: str, version: str) -> Json | None:
        """The gear with this name and version, if the site has it."""
        return next(
            (
                g
                for g in self.gears.values()
                if g["gear"]["name"] == name and g["gear"]["version"] == version
            ),
            None,
        )

    def listed(self, *, all_versions: bool, include_invalid: bool) -> list[Json]:
        """GET /gears before filtering: every version, or the newest one of each name."""
        gears = [
            g
            for g in self.gears.values()
            if include_invalid or not g["gear"].get("custom", {}).get("flywheel", {}).get("invalid")
        ]
        if all_versions:
            return gears
        newest: dict[str, Json] = {}
        for gear in gears:  # in creation order: a later one is newer
            newest[gear["gear"]["name"]] = gear
        return list(newest.values())

    def gear(self, gear_id: str) -> Json:
        """One gear by id, or 404."""
        found = self.gears.get(gear_id)
        if found is None:
            raise not_found("gear", gear_id)
        return found

    def ticket(self, ticket_id: str) -> Json:
        """One open ticket by id, or 404."""
        found = self.tickets.get(ticket_id)
        if found is None:
            raise not_found("gear ticket", ticket_id)
        return found

    def prepare_add(self, body: Any, user_id: str, new_id: str, now: str) -> str:
        """Open a ticket for a checked gear document; its id."""
        self.check_may_add(user_id)
        geardoc = check_gear_document(body)
        self.tickets[new_id] = {
            "_id": new_id,
            "origin": {"type": "user", "id": user_id},
            "geardoc": geardoc,
            "timestamp": now,
        }
        return new_id

    def save(self, body: Any, user_id: str, new_id: Callable[[], str], now: str) -> Json:
        """Register the ticket's gear (GearSaveSubmission); 409 when name and version exist."""
        self.check_may_add(user_id)
        if not isinstance(body, dict):
            raise bad_request("The request body must be a JSON object")
        ticket = self.ticket(_text(body, "ticket", ""))
        geardoc = ticket["geardoc"]
        name, version = geardoc["gear"]["name"], geardoc["gear"]["version"]
        if _text(body, "repo", "") != name:
            raise bad_request(f"repo must be the gear's name, {name}")
        if not _DIGEST.match(_text(body, "pointer", "")):
            raise bad_request("pointer must be the pushed image's digest, sha256:<64 hex digits>")
        if self.find(name, version) is not None:
            raise conflict(f"Gear {name}:{version} already exists")
        gear_id = new_id()
        self.gears[gear_id] = {**copy.deepcopy(geardoc), "_id": gear_id, "created": now}
        self.gears[gear_id]["modified"] = now
        del self.tickets[ticket["_id"]]
        return self.gears[gear_id]
