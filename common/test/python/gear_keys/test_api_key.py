"""ApiKey.parse follows flywheel-sdk's key format, hides the secret; origins compare exactly."""

from __future__ import annotations

import dataclasses

import pytest

from gear_keys import ApiKey, ApiKeyFormatError, same_origin

SECRET = "s3cr3t-value-9f2c"


@pytest.mark.parametrize(
    ("text", "scheme", "host", "port"),
    [
        (f"example.flywheel.io:{SECRET}", "https", "example.flywheel.io", 443),
        (f"127.0.0.1:8080:__force_insecure:{SECRET}", "http", "127.0.0.1", 8080),
        (f"Example.Flywheel.IO:8443:{SECRET}", "https", "example.flywheel.io", 8443),
        (f"example.flywheel.io:1:{SECRET}", "https", "example.flywheel.io", 1),
        (f"example.flywheel.io:65535:{SECRET}", "https", "example.flywheel.io", 65535),
    ],
)
def test_parse_reads_scheme_host_port_and_secret(
    text: str, scheme: str, host: str, port: int
) -> None:
    key = ApiKey.parse(text)
    assert (key.scheme, key.host, key.port, key.secret, key.text) == (
        scheme,
        host,
        port,
        SECRET,
        text,
    )
    assert key.origin == f"{scheme}://{host}:{port}"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (SECRET, "no ':'"),
        (f":{SECRET}", "empty host"),
        ("example.flywheel.io:", "empty secret"),
        ("127.0.0.1:8080:__force_insecure", "empty secret"),
        (f"example.flywheel.io:http:{SECRET}", "port"),
        (f"example.flywheel.io:70000:{SECRET}", "port"),
        (f"example.flywheel.io:0:{SECRET}", "port"),
        (f"example.flywheel.io:65536:{SECRET}", "port"),
        (f"example.flywheel.io:\u00b2:{SECRET}", "port"),  # a digit to isdigit(), not to int()
        (f"example.flywheel.io:-1:{SECRET}", "port"),
        (f"example.flywheel.io: {SECRET}", "white space"),
        (f"example.flywheel.io:{SECRET}\n", "white space"),
        (None, "must be a string"),
        (42, "must be a string"),
    ],
)
def test_parse_rejects_malformed_keys_without_quoting_them(text: object, reason: str) -> None:
    with pytest.raises(ApiKeyFormatError) as raised:
        ApiKey.parse(text)
    assert reason in str(raised.value)
    assert SECRET not in str(raised.value)


@pytest.mark.parametrize("secret", ["0a1b2c", "ABC-key", "__force_insecurf", "_"])
def test_any_secret_but_the_marker_is_a_secret(secret: str) -> None:
    assert ApiKey.parse(f"127.0.0.1:8080:__force_insecure:{secret}").secret == secret


def test_a_parsed_key_cannot_be_changed() -> None:
    key = ApiKey.parse(f"example.flywheel.io:{SECRET}")
    with pytest.raises(dataclasses.FrozenInstanceError):
        key.host = "other.flywheel.io"  # type: ignore[misc]


def test_str_and_repr_hide_the_secret() -> None:
    key = ApiKey.parse(f"127.0.0.1:8080:__force_insecure:{SECRET}")
    assert SECRET not in str(key)
    assert SECRET not in repr(key)
    assert SECRET not in f"{key!r} {key}"
    assert str(key) == "API key for http://127.0.0.1:8080"


@pytest.mark.parametrize(
    ("other", "expected"),
    [
        ("site.flywheel.io:other-secret", True),
        ("SITE.flywheel.io:443:other-secret", True),
        ("evilsite.flywheel.io:other-secret", False),  # a substring match would accept this
        ("site.flywheel.io.evil.org:other-secret", False),
        ("flywheel.io:other-secret", False),
        ("site.flywheel.io:8443:other-secret", False),
        ("site.flywheel.io:443:__force_insecure:other-secret", False),
    ],
)
def test_same_origin_compares_scheme_host_and_port_exactly(other: str, expected: bool) -> None:
    assert same_origin(ApiKey.parse(f"site.flywheel.io:{SECRET}"), ApiKey.parse(other)) is expected
