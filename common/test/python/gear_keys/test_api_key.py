"""ApiKey.parse follows flywheel-sdk's key format, hides the secret; origins compare exactly."""

from __future__ import annotations

import pytest

from gear_keys import ApiKey, ApiKeyFormatError, same_origin

SECRET = "s3cr3t-value-9f2c"


@pytest.mark.parametrize(
    ("text", "scheme", "host", "port"),
    [
        (f"example.flywheel.io:{SECRET}", "https", "example.flywheel.io", 443),
        (f"127.0.0.1:8080:__force_insecure:{SECRET}", "http", "127.0.0.1", 8080),
        (f"Example.Flywheel.IO:8443:{SECRET}", "https", "example.flywheel.io", 8443),
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
