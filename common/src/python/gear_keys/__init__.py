"""Flywheel API keys: parsing without showing the secret, and the gear bot key from AWS SSM."""

from gear_keys.api_key import ApiKey, ApiKeyFormatError, same_origin
from gear_keys.parameter_store import (
    AccessDeniedError,
    KeyLookupError,
    MalformedKeyError,
    NoAwsCredentialsError,
    ParameterMissingError,
    ParameterReader,
    SsmUnreachableError,
    bot_key_parameter,
    read_bot_key,
)

__all__ = [
    "AccessDeniedError",
    "ApiKey",
    "ApiKeyFormatError",
    "KeyLookupError",
    "MalformedKeyError",
    "NoAwsCredentialsError",
    "ParameterMissingError",
    "ParameterReader",
    "SsmUnreachableError",
    "bot_key_parameter",
    "read_bot_key",
    "same_origin",
]
