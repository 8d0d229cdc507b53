"""Key choice and client failures, without the network."""

from __future__ import annotations

from pathlib import Path

import pytest

from gear_keys import ApiKey
from gear_pytest.fixtures_gear import gear_manifest
from gear_runner import InvocationError, ServiceUnreachable
from gear_runner.invocation import Invocation
from gear_runner.keys import register_key_inputs, resolve_keys, user_key
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
