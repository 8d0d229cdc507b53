"""The Flywheel gear spec's facts that the runtime, `./dev run` and the tests share.

Which gear it is (`GearIdentity`: manifest name and version), the layout of a gear folder
(`GearPaths`: /flywheel/v0, or $FLYWHEEL), what a manifest declares (config keys, inputs by
base, defaults) and the keys the runtime reads itself (`RUNTIME_CONFIG_KEYS`,
`RUNTIME_INPUT_KEYS`). Light on purpose: nothing here imports
flywheel-sdk or sets its environment, so tools can use it.
"""

from gear_spec.folder import DEFAULT_GEAR_DIR, GEAR_DIR_ENV, GearPaths, gear_dir_from_env
from gear_spec.identity import GearIdentity, gear_identity
from gear_spec.manifest import declared_config, declared_inputs, input_names, missing_defaults
from gear_spec.runtime_keys import (
    API_KEY_INPUT,
    BOT_PREFIX_KEY,
    DEBUG_KEY,
    RUNTIME_CONFIG_KEYS,
    RUNTIME_INPUT_KEYS,
)

__all__ = [
    "API_KEY_INPUT",
    "BOT_PREFIX_KEY",
    "DEBUG_KEY",
    "DEFAULT_GEAR_DIR",
    "GEAR_DIR_ENV",
    "RUNTIME_CONFIG_KEYS",
    "RUNTIME_INPUT_KEYS",
    "GearIdentity",
    "GearPaths",
    "declared_config",
    "declared_inputs",
    "gear_dir_from_env",
    "gear_identity",
    "input_names",
    "missing_defaults",
]
