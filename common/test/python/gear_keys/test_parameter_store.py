"""read_bot_key against moto SSM in server mode: the key, and one clear error per failure."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import botocore.exceptions
import pytest

from gear_keys import (
    AccessDeniedError,
    MalformedKeyError,
    NoAwsCredentialsError,
    ParameterMissingError,
    SsmUnreachableError,
    bot_key_parameter,
    read_bot_key,
)
from gear_pytest.fixtures_aws import MotoSsm

PREFIX = "/prod/flywheel/gearbot"
BOT_KEY = "site.flywheel.io:bot-secret-5d1e7a"


def test_parameter_name_is_prefix_plus_apikey() -> None:
    assert bot_key_parameter(PREFIX) == "/prod/flywheel/gearbot/apikey"
    assert bot_key_parameter(PREFIX + "/") == "/prod/flywheel/gearbot/apikey"


def test_reads_the_decrypted_key(moto_ssm: MotoSsm) -> None:
    moto_ssm.put_bot_key(PREFIX, BOT_KEY)
    assert read_bot_key(PREFIX) == BOT_KEY


def test_reads_with_a_given_client(moto_ssm: MotoSsm) -> None:
    moto_ssm.put_bot_key("/other", BOT_KEY)
    assert read_bot_key("/other", client=moto_ssm.client) == BOT_KEY


def test_missing_parameter_names_it(moto_ssm: MotoSsm) -> None:
    with pytest.raises(ParameterMissingError, match="'/prod/flywheel/gearbot/apikey' does not"):
        read_bot_key(PREFIX)


def test_access_denied_by_iam_policy(moto_ssm: MotoSsm, monkeypatch: pytest.MonkeyPatch) -> None:
    moto_ssm.put_bot_key(PREFIX, BOT_KEY)
    for name, value in moto_ssm.denied_env("ssm:GetParameter").items():
        monkeypatch.setenv(name, value)
    with pytest.raises(AccessDeniedError, match="ssm:GetParameter") as raised:
        read_bot_key(PREFIX)
    assert "bot-secret" not in str(raised.value)


def test_malformed_key_is_refused_without_quoting_it(moto_ssm: MotoSsm) -> None:
    moto_ssm.put_bot_key(PREFIX, "just-a-secret-no-host")
    with pytest.raises(MalformedKeyError, match="does not hold a Flywheel API key") as raised:
        read_bot_key(PREFIX)
    assert "just-a-secret" not in str(raised.value)


def test_no_credentials(moto_ssm: MotoSsm, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    with pytest.raises(NoAwsCredentialsError, match="no AWS credentials"):
        read_bot_key(PREFIX)


def test_no_region(moto_ssm: MotoSsm, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AWS_DEFAULT_REGION")
    monkeypatch.delenv("AWS_REGION", raising=False)
    with pytest.raises(NoAwsCredentialsError, match="AWS_DEFAULT_REGION"):
        read_bot_key(PREFIX)


def test_unreachable_endpoint(
    moto_ssm: MotoSsm, monkeypatch: pytest.MonkeyPatch, closed_port: int
) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL_SSM", f"http://127.0.0.1:{closed_port}")
    with pytest.raises(SsmUnreachableError, match="unreachable"):
        read_bot_key(PREFIX)


class ThrottledSsm:
    """An SSM client that answers every call with a throttling error."""

    def get_parameter(self, *, Name: str, WithDecryption: bool) -> Mapping[str, Any]:  # noqa: N803
        raise botocore.exceptions.ClientError(
            {"Error": {"Code": "ThrottlingException", "Message": "Rate exceeded"}},
            "GetParameter",
        )


def test_other_service_errors_count_as_unreachable() -> None:
    with pytest.raises(SsmUnreachableError, match="ThrottlingException"):
        read_bot_key(PREFIX, client=ThrottledSsm())
