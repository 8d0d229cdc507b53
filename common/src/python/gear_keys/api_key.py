"""Flywheel API keys: parse them the way flywheel-sdk does, never show the secret."""

from __future__ import annotations

from dataclasses import dataclass, field

INSECURE_MARKER = "__force_insecure"
DEFAULT_HTTPS_PORT = 443
LOWEST_PORT, HIGHEST_PORT = 1, 65535
KEY_SHAPE = "<host>:<secret>, or <host>:<port>[:__force_insecure]:<secret>"


class ApiKeyFormatError(ValueError):
    """The text is not a Flywheel API key. The message never contains the text."""


@dataclass(frozen=True)
class ApiKey:
    """A parsed Flywheel API key; `str()` and `repr()` hide the secret.

    `text` is the key exactly as given, the value to pass to `flywheel.Client`.
    """

    scheme: str
    host: str
    port: int
    secret: str = field(repr=False)
    text: str = field(repr=False)

    @classmethod
    def parse(cls, text: object) -> ApiKey:
        """Parse `host:secret` or `host:port[:...]:secret` as flywheel-sdk 23 does.

        Raises ApiKeyFormatError (without the key in its message) when the text is no key.
        """
        if not isinstance(text, str):
            raise ApiKeyFormatError(f"an API key must be a string ({KEY_SHAPE})")
        if any(ch.isspace() for ch in text):
            raise ApiKeyFormatError(f"the API key contains white space ({KEY_SHAPE})")
        parts = text.split(":")
        if len(parts) < 2:
            raise ApiKeyFormatError(f"the API key has no ':' separator ({KEY_SHAPE})")
        host, secret = parts[0], parts[-1]
        port_text = str(DEFAULT_HTTPS_PORT) if len(parts) == 2 else parts[1]
        if not host:
            raise ApiKeyFormatError(f"the API key has an empty host ({KEY_SHAPE})")
        if not secret or secret == INSECURE_MARKER:
            raise ApiKeyFormatError(f"the API key has an empty secret ({KEY_SHAPE})")
        ascii_digits = port_text.isascii() and port_text.isdigit()  # int() fails on "²"
        if not ascii_digits or not LOWEST_PORT <= int(port_text) <= HIGHEST_PORT:
            raise ApiKeyFormatError(f"the API key's port is not a number 1-65535 ({KEY_SHAPE})")
        scheme = "http" if INSECURE_MARKER in parts else "https"
        return cls(scheme=scheme, host=host.lower(), port=int(port_text), secret=secret, text=text)

    @property
    def origin(self) -> str:
        """`scheme://host:port`: where the key is valid (no secret)."""
        return f"{self.scheme}://{self.host}:{self.port}"

    def __str__(self) -> str:
        return f"API key for {self.origin}"


def same_origin(first: ApiKey, second: ApiKey) -> bool:
    """True when both keys address the same Flywheel site (scheme, host and port all equal)."""
    return (first.scheme, first.host, first.port) == (second.scheme, second.host, second.port)
