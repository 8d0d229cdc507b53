"""The shared gear runtime: `run_gear(main)` checks the invocation, then calls `main(GearArgs)`.

flywheel-sdk reads its retry settings at import time, so they are set before anything here
imports flywheel (fw-gear imports it too).
"""

from gear_runner.sdk_env import set_sdk_env_defaults

set_sdk_env_defaults()

from gear_runner.args import ConfigValues, GearArgs, InputValues  # noqa: E402
from gear_runner.errors import (  # noqa: E402
    ExitCode,
    GearError,
    InvocationError,
    ServiceUnreachable,
    UndeclaredKey,
    WorkFailed,
    WrongKeyKind,
)
from gear_runner.masking import SECRETS  # noqa: E402
from gear_runner.runner import GearMain, execute_gear, run_gear  # noqa: E402
from gear_spec import RUNTIME_CONFIG_KEYS, RUNTIME_INPUT_KEYS  # noqa: E402  (re-exported)

__all__ = [
    "RUNTIME_CONFIG_KEYS",
    "RUNTIME_INPUT_KEYS",
    "SECRETS",
    "ConfigValues",
    "ExitCode",
    "GearArgs",
    "GearError",
    "GearMain",
    "InputValues",
    "InvocationError",
    "ServiceUnreachable",
    "UndeclaredKey",
    "WorkFailed",
    "WrongKeyKind",
    "execute_gear",
    "run_gear",
]
