"""A Flywheel stand-in for gear bot key tests that proves which key did the work."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flywheel_standin import StandIn
from flywheel_standin.seed import read_seed
from flywheel_standin.server import Answer

AUTH_CHECK = ("GET", "/api/auth/status")


class BotKeySite(StandIn):
    """A stand-in whose seed accepts only the gear bot key.

    The job's own key passes the one check fw-gear makes with it when the run starts
    (GET /api/auth/status: a real job key is valid) and nothing else: any other request with it
    is refused (HTTP 401), so a run that works proves the bot key did the work.
    `authorizations` records (method, path, Authorization header) of every request.
    """

    def __init__(
        self,
        seed: dict[str, Any] | Path | str | None = None,
        *,
        bot_secret: str,
        job_secret: str,
    ) -> None:
        super().__init__({**read_seed(seed), "keys": [bot_secret]})
        self.bot_secret = bot_secret
        self.job_secret = job_secret
        self.authorizations: list[tuple[str, str, str]] = []

    def handle(self, method: str, target: str, headers: dict[str, str], body: bytes) -> Answer:
        """Record the key; answer the job key's auth check as the site would, else as seeded."""
        path = target.split("?", 1)[0]
        authorization = headers.get("authorization", "")
        self.authorizations.append((method, path, authorization))
        _, _, key = authorization.partition(" ")
        if (method, path) == AUTH_CHECK and key.strip() == self.job_secret:
            headers = {**headers, "authorization": f"scitran-user {self.bot_secret}"}
        return super().handle(method, target, headers, body)

    def keys_used(self) -> list[tuple[str, str, str]]:
        """(method, path, `job`, `bot` or `other`) for every request, in order."""
        names = {self.job_secret: "job", self.bot_secret: "bot"}
        return [
            (method, path, names.get(auth.partition(" ")[2].strip(), "other"))
            for method, path, auth in self.authorizations
        ]
