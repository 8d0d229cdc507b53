"""Open fw-gear's GearContext and Flywheel clients, turning their failures into GearErrors."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import flywheel
import httpx2
from fw_gear.context import GearContext, GearContextError

from flywheel_access.failures import unexpected_answer
from gear_keys import ApiKey
from gear_runner.errors import GearError, InvocationError, ServiceUnreachable
from gear_spec import GearPaths

REJECTED_KEY_STATUSES = frozenset({401, 403})


@contextmanager
def _quiet_fw_gear_context() -> Iterator[None]:
    """Silence fw-gear's own traceback for a failed client: the runner reports it in one line."""
    logger = logging.getLogger("fw_gear.context")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


JOB_KEY = "config.json inputs.api-key"
JOB_KEY_FIX = "launch the job again to get a fresh key"
BOT_KEY = "gear bot key"
BOT_KEY_FIX = "store a valid key for this site in the SSM parameter"


def client_failure(error: BaseException, key: ApiKey, whose: str, fix: str) -> GearError:
    """The GearError for a Flywheel client that could not be built with `key`."""
    if isinstance(error, flywheel.ApiException):
        status = getattr(error, "status", None)
        if status in REJECTED_KEY_STATUSES:
            return InvocationError(
                f"{whose}: Flywheel at {key.origin} rejected the key (HTTP {status}); {fix}"
            )
        return ServiceUnreachable(
            f"{whose}: Flywheel at {key.origin} answered HTTP {status} to the key check;"
            " retry later"
        )
    if isinstance(error, httpx2.TransportError):
        return ServiceUnreachable(
            f"{whose}: Flywheel at {key.origin} is unreachable ({type(error).__name__});"
            " check that the site is up and that the job may reach it, then retry"
        )
    unreadable = unexpected_answer(error)
    if unreadable is not None:
        return ServiceUnreachable(f"{whose}: key check at {key.origin}: {unreadable}")
    return ServiceUnreachable(
        f"{whose}: could not connect to Flywheel at {key.origin} ({type(error).__name__})"
    )


def open_gear_context(paths: GearPaths, key: ApiKey | None) -> GearContext:
    """fw-gear's GearContext for `paths`; it checks the job's key at once (GET /api/auth/status)."""
    try:
        with _quiet_fw_gear_context():
            return GearContext(
                gear_path=str(paths.gear_dir),
                manifest_path=str(paths.manifest),
                config_path=str(paths.config),
            )
    except GearContextError as error:
        cause = error.__cause__ or error
        if key is None:  # pragma: no cover - fw-gear builds a client only from a key
            raise ServiceUnreachable(f"Flywheel client: {error}") from None
        raise client_failure(cause, key, JOB_KEY, JOB_KEY_FIX) from None


def connect_bot_client(key: ApiKey) -> Any:
    """A flywheel.Client for the gear bot key (it checks the key at once: GET /api/auth/status)."""
    try:
        return flywheel.Client(key.text)
    except Exception as error:  # every failure becomes one readable line
        raise client_failure(error, key, BOT_KEY, BOT_KEY_FIX) from None
