"""Secrets are masked in every handler's output, and noisy loggers stay at WARNING."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest

from gear_keys import ApiKey
from gear_runner.masking import (
    MASK,
    MaskingFilter,
    SecretRegistry,
    install_early_logging,
    install_masking,
    install_record_masking,
    pin_noisy_loggers,
    preserved_logging,
)

KEY_TEXT = "site.flywheel.io:8443:masking-secret-31c9"
# The loggers of the HTTP and AWS stack that print request headers or URLs at DEBUG level:
# written here, not read from gear_runner.masking, so shrinking that list fails a test.
HTTP_LOGGERS = (
    "botocore",
    "boto3",
    "urllib3",
    "httpx",
    "httpx2",
    "httpcore",
    "httpcore2",
    "flywheel",
)


def test_registry_masks_full_key_and_secret() -> None:
    registry = SecretRegistry()
    registry.add_api_key(ApiKey.parse(KEY_TEXT))
    assert (
        registry.mask(f"key {KEY_TEXT} / secret masking-secret-31c9")
        == f"key {MASK} / secret {MASK}"
    )
    registry.clear()
    assert registry.mask(KEY_TEXT) == KEY_TEXT


def test_registry_ignores_too_short_secrets_and_keeps_malformed_key_parts() -> None:
    registry = SecretRegistry()
    registry.add("")
    registry.add("ab")
    registry.add_key_text("garbage:malformed-secret")
    assert registry.mask("ab cd") == "ab cd"
    assert registry.mask("x malformed-secret y") == f"x {MASK} y"


def test_three_characters_are_enough_to_be_masked() -> None:
    registry = SecretRegistry()
    registry.add("abc")
    registry.add("xy")
    assert registry.mask("abc xy abcd") == f"{MASK} xy {MASK}d"


def test_text_without_a_colon_is_masked_whole() -> None:
    registry = SecretRegistry()
    registry.add_key_text("no-colon-secret")
    assert registry.mask("key no-colon-secret") == f"key {MASK}"


def test_record_masking_is_installed_once(fresh_secrets: SecretRegistry) -> None:
    with preserved_logging():
        install_record_masking(fresh_secrets)
        factory = logging.getLogRecordFactory()
        install_record_masking(fresh_secrets)  # a second call keeps the one masking factory
        assert logging.getLogRecordFactory() is factory


@pytest.fixture
def stream_logger() -> Iterator[tuple[logging.Logger, io.StringIO, SecretRegistry]]:
    registry = SecretRegistry()
    registry.add_key_text(KEY_TEXT)
    stream = io.StringIO()
    logger = logging.getLogger("test_masking.named")
    handler = logging.StreamHandler(stream)
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    yield logger, stream, registry
    logger.removeHandler(handler)


def test_filter_on_a_named_loggers_handler_masks_args_and_tracebacks(
    stream_logger: tuple[logging.Logger, io.StringIO, SecretRegistry],
) -> None:
    logger, stream, registry = stream_logger
    install_masking(registry)
    install_masking(registry)  # idempotent: one filter per handler
    (handler,) = [h for h in logger.handlers if getattr(h, "stream", None) is stream]
    assert sum(isinstance(f, MaskingFilter) for f in handler.filters) == 1
    logger.debug("key %s", KEY_TEXT)
    try:
        raise ValueError(f"bad {KEY_TEXT}")
    except ValueError:
        logger.exception("failed with %s", "masking-secret-31c9")
    logger.warning("stack", stack_info=True, extra={"k": KEY_TEXT})
    output = stream.getvalue()
    assert "masking-secret" not in output
    assert f"key {MASK}" in output
    assert f"ValueError: bad {MASK}" in output


def test_noisy_loggers_are_pinned_at_warning() -> None:
    before = [logging.getLogger(n).level for n in HTTP_LOGGERS]
    with preserved_logging():
        for name in HTTP_LOGGERS:
            logging.getLogger(name).setLevel(logging.DEBUG)
        pin_noisy_loggers()
        assert {logging.getLogger(n).level for n in HTTP_LOGGERS} == {logging.WARNING}
        for name in HTTP_LOGGERS:
            logging.getLogger(name).setLevel(logging.DEBUG)
    assert [logging.getLogger(n).level for n in HTTP_LOGGERS] == before


def test_early_logging_is_restored(capsys: pytest.CaptureFixture[str]) -> None:
    root = logging.getLogger()
    before = list(root.handlers)
    registry = SecretRegistry()
    registry.add(KEY_TEXT)
    with preserved_logging():
        install_early_logging(registry)
        logging.getLogger("test_masking").error("oops %s", KEY_TEXT)
        assert root.handlers != before
    assert root.handlers == before
    assert capsys.readouterr().err == f"ERROR: oops {MASK}\n"


def test_handlers_added_later_never_see_a_secret() -> None:
    registry = SecretRegistry()
    registry.add(KEY_TEXT)
    stream = io.StringIO()
    late_handler = logging.StreamHandler(stream)  # as each flywheel.Client adds one
    logger = logging.getLogger("test_masking.late")
    with preserved_logging():
        install_early_logging(registry)
        install_early_logging(registry)  # the record factory is not stacked twice
        logger.addHandler(late_handler)
        try:
            logger.warning("late %s", KEY_TEXT)
            try:
                raise ValueError(KEY_TEXT)
            except ValueError:
                logger.exception("failed")
            logger.warning("bad format %d", "not a number")  # reported by logging, no crash
        finally:
            logger.removeHandler(late_handler)
    assert "masking-secret" not in stream.getvalue()
    assert f"late {MASK}" in stream.getvalue()
    assert f"ValueError: {MASK}" in stream.getvalue()
