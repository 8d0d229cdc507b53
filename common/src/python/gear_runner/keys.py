"""Which API key the run uses: the job's own (`api-key` input) or the gear bot key from SSM."""

from __future__ import annotations

from dataclasses import dataclass

from gear_keys import (
    ApiKey,
    KeyLookupError,
    ParameterReader,
    SsmUnreachableError,
    bot_key_parameter,
    read_bot_key,
    same_origin,
)
from gear_runner.errors import InvocationError, ServiceUnreachable
from gear_runner.invocation import Invocation
from gear_runner.masking import SECRETS, SecretRegistry
from gear_runner.validation import api_key_inputs
from gear_spec import API_KEY_INPUT, BOT_PREFIX_KEY


@dataclass(frozen=True)
class KeyChoice:
    """The keys of one run: the job's key (if the manifest has an api-key input) and the bot key."""

    user_key: ApiKey | None
    bot_key: ApiKey | None = None
    bot_parameter: str | None = None  # the SSM parameter the bot key came from

    def describe(self) -> str:
        """Which key the job uses, for the log: whose, from where, for which site; never the key."""
        if self.bot_key is not None:
            return (
                f"API key: the gear bot's, from SSM parameter {self.bot_parameter!r}"
                f" (config {BOT_PREFIX_KEY}), for {self.bot_key.origin}"
            )
        if self.user_key is not None:
            return f"API key: the job's own (input {API_KEY_INPUT}), for {self.user_key.origin}"
        return "API key: none (the manifest declares no api-key input)"


def register_key_inputs(invocation: Invocation, registry: SecretRegistry = SECRETS) -> None:
    """Remember every api-key input's text as a secret, before anything is logged."""
    for name in api_key_inputs(invocation.manifest):
        value = invocation.inputs.get(name)
        if isinstance(value, dict) and isinstance(value.get("key"), str):
            registry.add_key_text(value["key"])
        elif isinstance(value, str):
            registry.add_key_text(value)


def user_key(invocation: Invocation) -> ApiKey | None:
    """The job's key from the first api-key input (validated already), or None."""
    for name in api_key_inputs(invocation.manifest):
        value = invocation.inputs.get(name)
        if isinstance(value, dict) and isinstance(value.get("key"), str):
            return ApiKey.parse(value["key"])
    return None


def resolve_keys(
    invocation: Invocation,
    *,
    ssm_client: ParameterReader | None = None,
    registry: SecretRegistry = SECRETS,
) -> KeyChoice:
    """The keys for this run; reads the bot key from SSM when config apikey_path_prefix is set.

    The bot key is used only for the job key's own site (same scheme, host and port).
    Raises InvocationError (exit 2) or ServiceUnreachable (exit 1, SSM not reachable).
    """
    job_key = user_key(invocation)
    if job_key is not None:
        registry.add_api_key(job_key)
    prefix = invocation.config.get(BOT_PREFIX_KEY) or ""
    if not prefix:
        return KeyChoice(user_key=job_key)
    if job_key is None:
        raise InvocationError(
            f"config.json: inputs: config {BOT_PREFIX_KEY} is set but the job has no api-key"
            " input; the gear bot key is only used for the job's own site"
        )
    try:
        text = read_bot_key(prefix, client=ssm_client)
    except SsmUnreachableError as error:
        raise ServiceUnreachable(str(error)) from None
    except KeyLookupError as error:
        raise InvocationError(str(error)) from None
    bot_key = ApiKey.parse(text)
    registry.add_api_key(bot_key)
    if not same_origin(bot_key, job_key):
        raise InvocationError(
            f"gear bot key: SSM parameter {bot_key_parameter(prefix)!r} holds a key for"
            f" {bot_key.origin}, but this job runs on {job_key.origin}; refusing to use it."
            f" Set config {BOT_PREFIX_KEY} to the prefix for this site"
        )
    return KeyChoice(user_key=job_key, bot_key=bot_key, bot_parameter=bot_key_parameter(prefix))
