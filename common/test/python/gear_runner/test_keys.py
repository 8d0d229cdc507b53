"""Key choice and client failures, without the network."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import botocore.exceptions
import pytest

from gear_keys import ApiKey
from gear_pytest.fixtures_gear import gear_manifest
from gear_runner import InvocationError, ServiceUnreachable
from gear_runner.invocation import Invocation
from gear_runner.keys import KeyChoice, register_key_inputs, resolve_keys, user_key
from gear_runner.masking import SecretRegistry
from gear_runner.session import client_failure
from gear_spec import GearPaths

KEY = "127.0.0.1:8080:__force_insecure:keys-secret-9e21"
PREFIX_CONFIG = {"apikey_path_prefix": {"type": "string", "enum": ["", "/p"], "default": ""}}


def invocation(tmp_path: Path, manifest_inputs: dict[str, object], inputs: object) -> Invocation:
    return Invocation(
        paths=GearPaths(tmp_path),
        manifest=gear_manifest(PREFIX_CONFIG, manifest_inputs),
        config_json={"config": {"apikey_path_prefix": "/p"}, "inputs": inputs},
    )


def test_key_inputs_are_registered_even_as_bare_strings(tmp_path: Path) -> None:
    registry = SecretRegistry()
    bare = invocation(tmp_path, {"api-key": {"base": "api-key"}}, {"api-key": KEY})
    register_key_inputs(bare, registry)
    assert registry.mask(f"x {KEY} keys-secret-9e21") == "x *** ***"
    assert user_key(bare) is None


def test_prefix_without_job_key_is_refused(tmp_path: Path) -> None:
    without_key = invocation(tmp_path, {}, {})
    with pytest.raises(InvocationError, match="has no api-key input"):
        resolve_keys(without_key, registry=SecretRegistry())


def test_unknown_client_failure_is_one_line() -> None:
    error = client_failure(ValueError("odd"), ApiKey.parse(KEY), "who", "fix it")
    assert isinstance(error, ServiceUnreachable)
    assert str(error) == "who: could not connect to Flywheel at http://127.0.0.1:8080 (ValueError)"


BOT_KEY = "127.0.0.1:8080:__force_insecure:bot-secret-77aa"
JOB_INPUT = {"api-key": {"base": "api-key"}}


class FakeSsm:
    """An SSM client answering GetParameter with one value, or raising one error; logs calls."""

    def __init__(self, value: str = BOT_KEY, error: Exception | None = None) -> None:
        self.value, self.error = value, error
        self.calls: list[tuple[str, bool]] = []

    def get_parameter(self, *, Name: str, WithDecryption: bool) -> Mapping[str, Any]:  # noqa: N803
        self.calls.append((Name, WithDecryption))
        if self.error is not None:
            raise self.error
        return {"Parameter": {"Name": Name, "Value": self.value}}


def job(tmp_path: Path, prefix: str) -> Invocation:
    """A job with KEY as its api-key input and config apikey_path_prefix = `prefix`."""
    return Invocation(
        paths=GearPaths(tmp_path),
        manifest=gear_manifest(PREFIX_CONFIG, JOB_INPUT),
        config_json={
            "config": {"apikey_path_prefix": prefix},
            "inputs": {"api-key": {"base": "api-key", "key": KEY}},
        },
    )


def test_without_a_prefix_the_job_key_is_used_and_masked(tmp_path: Path) -> None:
    registry, ssm = SecretRegistry(), FakeSsm()
    choice = resolve_keys(job(tmp_path, ""), ssm_client=ssm, registry=registry)
    assert choice == KeyChoice(user_key=ApiKey.parse(KEY), bot_key=None)
    assert ssm.calls == []
    assert registry.mask(f"{KEY} / keys-secret-9e21") == "*** / ***"


def test_with_a_prefix_the_bot_key_of_the_same_site_is_chosen_and_masked(tmp_path: Path) -> None:
    registry, ssm = SecretRegistry(), FakeSsm()
    choice = resolve_keys(job(tmp_path, "/p"), ssm_client=ssm, registry=registry)
    assert choice == KeyChoice(
        user_key=ApiKey.parse(KEY), bot_key=ApiKey.parse(BOT_KEY), bot_parameter="/p/apikey"
    )
    assert ssm.calls == [("/p/apikey", True)]
    assert registry.mask(f"{BOT_KEY} bot-secret-77aa keys-secret-9e21") == "*** *** ***"


def test_a_bot_key_for_another_site_is_refused_and_still_masked(tmp_path: Path) -> None:
    registry = SecretRegistry()
    other_site = FakeSsm("127.0.0.1:9090:__force_insecure:bot-secret-77aa")
    with pytest.raises(InvocationError) as raised:
        resolve_keys(job(tmp_path, "/p"), ssm_client=other_site, registry=registry)
    assert str(raised.value) == (
        "gear bot key: SSM parameter '/p/apikey' holds a key for http://127.0.0.1:9090, but this"
        " job runs on http://127.0.0.1:8080; refusing to use it. Set config apikey_path_prefix"
        " to the prefix for this site"
    )
    assert registry.mask("bot-secret-77aa") == "***"


def test_unreachable_ssm_is_a_service_error_and_a_missing_key_an_invocation_error(
    tmp_path: Path,
) -> None:
    down = FakeSsm(error=botocore.exceptions.EndpointConnectionError(endpoint_url="http://ssm"))
    with pytest.raises(ServiceUnreachable, match="AWS SSM is unreachable"):
        resolve_keys(job(tmp_path, "/p"), ssm_client=down, registry=SecretRegistry())
    missing = FakeSsm(
        error=botocore.exceptions.ClientError(
            {"Error": {"Code": "ParameterNotFound", "Message": "no"}}, "GetParameter"
        )
    )
    with pytest.raises(InvocationError, match="SSM parameter '/p/apikey' does not exist"):
        resolve_keys(job(tmp_path, "/p"), ssm_client=missing, registry=SecretRegistry())


def test_the_job_key_is_the_first_api_key_input_given_as_an_object(tmp_path: Path) -> None:
    manifest_inputs: dict[str, object] = {
        "first": {"base": "api-key"},
        "second": {"base": "api-key"},
    }
    second = {"base": "api-key", "key": KEY}
    bare_first = invocation(tmp_path, manifest_inputs, {"first": "bare", "second": second})
    assert user_key(bare_first) == ApiKey.parse(KEY)
    assert user_key(invocation(tmp_path, manifest_inputs, {"second": second})) == ApiKey.parse(KEY)
    other = {"base": "api-key", "key": BOT_KEY}
    both = invocation(tmp_path, manifest_inputs, {"first": other, "second": second})
    assert user_key(both) == ApiKey.parse(BOT_KEY)


def test_only_api_key_inputs_are_registered(tmp_path: Path) -> None:
    registry = SecretRegistry()
    inputs = {"api-key": {"key": KEY}, "notes": {"key": "not-a-secret"}, "n": 3}
    manifest_inputs: dict[str, object] = {
        **JOB_INPUT,
        "notes": {"base": "file"},
        "n": {"base": "file"},
    }
    register_key_inputs(invocation(tmp_path, manifest_inputs, inputs), registry)
    assert registry.mask(f"{KEY} not-a-secret") == "*** not-a-secret"


def test_the_choice_is_fixed_and_the_ssm_client_is_named(tmp_path: Path) -> None:
    choice = resolve_keys(job(tmp_path, ""), registry=SecretRegistry())
    with pytest.raises(dataclasses.FrozenInstanceError):
        choice.bot_key = ApiKey.parse(BOT_KEY)  # type: ignore[misc]
    with pytest.raises(TypeError):  # keyword-only: a client is never taken for a registry
        resolve_keys(job(tmp_path, "/p"), FakeSsm())  # type: ignore[call-arg]
