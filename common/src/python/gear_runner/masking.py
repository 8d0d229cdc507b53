"""Keep API keys out of every log line: a masking filter on every handler, quiet HTTP loggers."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from gear_keys import ApiKey

MASK = "***"
# Secrets shorter than this are not masked: masking "a" would wreck every line and hide nothing.
MIN_SECRET_LENGTH = 3
# Loggers that would print request headers or URLs with keys at DEBUG level.
NOISY_LOGGERS = (
    "botocore",
    "boto3",
    "urllib3",
    "httpx",
    "httpx2",
    "httpcore",
    "httpcore2",
    "flywheel",
)
EARLY_FORMAT = "%(levelname)s: %(message)s"


class SecretRegistry:
    """Every secret the runtime has seen; `mask` replaces each one with `***`."""

    def __init__(self) -> None:
        self._secrets: set[str] = set()
        self._lock = threading.Lock()

    def add(self, secret: str) -> None:
        """Remember `secret` (ignored when empty or too short to mask sensibly)."""
        if isinstance(secret, str) and len(secret) >= MIN_SECRET_LENGTH:
            with self._lock:
                self._secrets.add(secret)

    def add_api_key(self, key: ApiKey) -> None:
        """Remember a key: its full text and its secret part."""
        self.add(key.text)
        self.add(key.secret)

    def add_key_text(self, text: str) -> None:
        """Remember text meant as a key, even malformed: the whole and its last ':' part."""
        self.add(text)
        self.add(text.rpartition(":")[2])

    def mask(self, text: str) -> str:
        """`text` with every known secret replaced, longest first."""
        with self._lock:
            secrets = sorted(self._secrets, key=len, reverse=True)
        for secret in secrets:
            if secret in text:
                text = text.replace(secret, MASK)
        return text

    def clear(self) -> None:
        """Forget every secret (between runs in one process, e.g. tests)."""
        with self._lock:
            self._secrets.clear()


SECRETS = SecretRegistry()


def mask_record(record: logging.LogRecord, registry: SecretRegistry) -> None:
    """Mask secrets in a record's message, arguments, traceback and stack, in place."""
    try:
        message = record.getMessage()
    except Exception:  # a bad format string: logging reports it when the record is emitted
        return
    record.msg = registry.mask(message)
    record.args = None
    if record.exc_info and not record.exc_text:
        record.exc_text = logging.Formatter().formatException(record.exc_info)
    if record.exc_text:
        record.exc_text = registry.mask(record.exc_text)
    if record.stack_info:
        record.stack_info = registry.mask(record.stack_info)


class MaskingFilter(logging.Filter):
    """A handler filter that masks secrets in the message, arguments and traceback."""

    def __init__(self, registry: SecretRegistry) -> None:
        super().__init__("gear_runner.masking")
        self.registry = registry

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record in place; never drops it."""
        mask_record(record, self.registry)
        return True


def install_record_masking(registry: SecretRegistry = SECRETS) -> None:
    """Mask every record when it is created, so handlers added later (each flywheel.Client
    adds one to the `flywheel` logger) never see a secret either."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, "masks_secrets", False):
        return

    def masking_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        mask_record(record, registry)
        return record

    masking_factory.masks_secrets = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(masking_factory)


def all_handlers() -> list[logging.Handler]:
    """The handlers of the root logger and of every named logger."""
    loggers: list[logging.Logger] = [logging.getLogger()]
    loggers += [
        item
        for item in logging.Logger.manager.loggerDict.values()
        if isinstance(item, logging.Logger)
    ]
    handlers: list[logging.Handler] = []
    for logger in loggers:
        handlers += [handler for handler in logger.handlers if handler not in handlers]
    return handlers


def install_masking(registry: SecretRegistry = SECRETS) -> None:
    """Put a MaskingFilter on every handler that does not have one yet."""
    for handler in all_handlers():
        if not any(isinstance(existing, MaskingFilter) for existing in handler.filters):
            handler.addFilter(MaskingFilter(registry))


def pin_noisy_loggers() -> None:
    """Keep the HTTP and AWS loggers at WARNING, whatever the gear's log level."""
    for name in NOISY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)


def install_early_logging(registry: SecretRegistry = SECRETS) -> None:
    """Logging for the part of the run before fw-gear's: INFO and up to stderr, masked."""
    root = logging.getLogger()
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(EARLY_FORMAT))
    handler.addFilter(MaskingFilter(registry))
    for existing in list(root.handlers):
        root.removeHandler(existing)
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    install_masking(registry)
    install_record_masking(registry)
    pin_noisy_loggers()


@contextmanager
def preserved_logging() -> Iterator[None]:
    """Restore the root logger's handlers and level, and the pinned levels, on exit."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    names = (*NOISY_LOGGERS, "fw_gear", "fw_gear.context")
    levels = {name: logging.getLogger(name).level for name in names}
    record_factory = logging.getLogRecordFactory()
    try:
        yield
    finally:
        for handler in list(root.handlers):
            root.removeHandler(handler)
        for handler in handlers:
            root.addHandler(handler)
        root.setLevel(level)
        for name, saved in levels.items():
            logging.getLogger(name).setLevel(saved)
        logging.setLogRecordFactory(record_factory)
