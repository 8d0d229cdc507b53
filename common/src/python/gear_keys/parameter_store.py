"""The gear bot key, read from AWS SSM Parameter Store as `<prefix>/apikey`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

import boto3
import botocore.config
import botocore.exceptions

from gear_keys.api_key import ApiKey, ApiKeyFormatError

KEY_PARAMETER_SUFFIX = "/apikey"
# Fail fast: a job must not hang when SSM cannot be reached.
SSM_CLIENT_CONFIG = botocore.config.Config(
    connect_timeout=3,
    read_timeout=10,
    retries={"total_max_attempts": 2, "mode": "standard"},
)
ACCESS_DENIED_CODES = frozenset(
    {
        "AccessDeniedError",
        "AccessDeniedException",
        "UnrecognizedClientException",
        "InvalidClientTokenId",
        "InvalidSignatureException",
        "SignatureDoesNotMatch",
        "ExpiredTokenException",
        "KMSAccessDeniedException",
    }
)
HTTP_FORBIDDEN = 403
MISSING_CODES = frozenset({"ParameterNotFound", "ParameterVersionNotFound"})


class ParameterReader(Protocol):
    """What read_bot_key needs of an SSM client (boto3's, or a small fake in tests)."""

    def get_parameter(self, *, Name: str, WithDecryption: bool) -> Mapping[str, Any]:  # noqa: N803
        """boto3 `SSM.Client.get_parameter`."""
        ...


class KeyLookupError(Exception):
    """The gear bot key could not be read; the message says why and what to do."""


class NoAwsCredentialsError(KeyLookupError):
    """No AWS credentials or region were found in the standard AWS chain."""


class ParameterMissingError(KeyLookupError):
    """The SSM parameter does not exist."""


class AccessDeniedError(KeyLookupError):
    """AWS refused the credentials or the read."""


class SsmUnreachableError(KeyLookupError):
    """SSM could not be reached or failed to answer."""


class MalformedKeyError(KeyLookupError):
    """The parameter holds something that is not a Flywheel API key."""


def bot_key_parameter(prefix: str) -> str:
    """The SSM parameter name holding the gear bot key for `prefix`."""
    return prefix.rstrip("/") + KEY_PARAMETER_SUFFIX


def default_ssm_client() -> ParameterReader:
    """An SSM client from the standard AWS chain (env vars, profiles, instance role).

    boto3 itself honours AWS_ENDPOINT_URL_SSM, which is how tests point it at a local server.
    """
    try:
        # A new session each time: the default one caches credentials it found earlier.
        return boto3.session.Session().client("ssm", config=SSM_CLIENT_CONFIG)
    except botocore.exceptions.NoRegionError:
        raise NoAwsCredentialsError(
            "gear bot key: no AWS region is configured; set AWS_DEFAULT_REGION for the job"
        ) from None


def read_bot_key(prefix: str, *, client: ParameterReader | None = None) -> str:
    """The gear bot API key stored (encrypted) in SSM parameter `<prefix>/apikey`.

    Raises a KeyLookupError subclass whose message names the parameter and the fix;
    no message ever contains the key.
    """
    name = bot_key_parameter(prefix)
    ssm = client if client is not None else default_ssm_client()
    try:
        response = ssm.get_parameter(Name=name, WithDecryption=True)
    except (
        botocore.exceptions.NoCredentialsError,
        botocore.exceptions.PartialCredentialsError,
        botocore.exceptions.CredentialRetrievalError,
    ):
        raise NoAwsCredentialsError(
            f"gear bot key: no AWS credentials to read SSM parameter {name!r}; give the job"
            " AWS credentials (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or a role)"
        ) from None
    except (
        botocore.exceptions.ConnectionError,
        botocore.exceptions.HTTPClientError,
    ) as error:
        raise SsmUnreachableError(
            f"gear bot key: AWS SSM is unreachable ({type(error).__name__}) while reading"
            f" {name!r}; check the network and the AWS region, then retry"
        ) from None
    except botocore.exceptions.ClientError as error:
        raise _client_error(name, error) from None
    value = response.get("Parameter", {}).get("Value")
    try:
        ApiKey.parse(value)
    except ApiKeyFormatError as error:
        raise MalformedKeyError(
            f"gear bot key: SSM parameter {name!r} does not hold a Flywheel API key ({error});"
            " store the key as a SecureString of the form <host>:<secret>"
        ) from None
    assert isinstance(value, str)
    return value


def _client_error(name: str, error: botocore.exceptions.ClientError) -> KeyLookupError:
    """The KeyLookupError for an error answer from SSM."""
    code = error.response.get("Error", {}).get("Code", "")
    status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
    if code in MISSING_CODES:
        return ParameterMissingError(
            f"gear bot key: SSM parameter {name!r} does not exist; create it, or set config"
            " apikey_path_prefix to a prefix that has one"
        )
    if code in ACCESS_DENIED_CODES or status == HTTP_FORBIDDEN:
        return AccessDeniedError(
            f"gear bot key: AWS denied reading SSM parameter {name!r} ({code}); grant"
            " ssm:GetParameter (and kms:Decrypt) on it to the job's AWS identity"
        )
    return SsmUnreachableError(
        f"gear bot key: AWS SSM failed to return {name!r} ({code or 'unknown error'}); retry later"
    )
