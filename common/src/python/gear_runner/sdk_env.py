"""flywheel-sdk retry and timeout settings, fixed before flywheel is first imported.

flywheel-sdk 23 reads these variables once, at import time (flywheel/rest.py). Its own
defaults retry for about two minutes per call; a gear should fail fast and say why.
Values already in the environment win (tests set FLYWHEEL_SDK_TOTAL_RETRIES=0).
"""

from __future__ import annotations

import os
from collections.abc import MutableMapping

SDK_ENV_DEFAULTS: dict[str, str] = {
    "FLYWHEEL_SDK_TOTAL_RETRIES": "3",  # retries of connection errors and 429/502/503/504
    "FLYWHEEL_SDK_BACKOFF_FACTOR": "1.875",  # waits 0, 1.9, 3.8 s between those retries
    "FLYWHEEL_SDK_BACKOFF_MAX": "30",  # seconds, the longest single wait (Retry-After included)
    "FLYWHEEL_SDK_CONNECT_TIMEOUT": "10",  # seconds
    "FLYWHEEL_SDK_REQUEST_TIMEOUT": "120",  # seconds
}


def set_sdk_env_defaults(environ: MutableMapping[str, str] = os.environ) -> None:
    """Set every flywheel-sdk retry/timeout variable that is not already set."""
    for name, value in SDK_ENV_DEFAULTS.items():
        environ.setdefault(name, value)
