"""The Flywheel gear spec's facts that the runtime, `./dev run` and the tests share.

Which gear it is (`GearIdentity`: manifest name and version), the layout of a gear folder
(`GearPaths`: /flywheel/v0, or $FLYWHEEL), Flywheel's file types by extension (`FILE_TYPES`),
what a manifest declares (config keys, inputs by base, defaults), which accessor reads which
declared type (`CONFIG_ACCESSOR_TYPES`) and the keys the runtime reads itself
(`RUNTIME_CONFIG_KEYS`, `RUNTIME_INPUT_KEYS`). Light on purpose: nothing here imports
flywheel-sdk or sets its environment, so tools can use it.
"""

from gear_spec.accessors import (
    CONFIG_ACCESSOR_TYPES,
    INPUT_ACCESSORS,
    config_accessor_for,
    config_accessor_problem,
    config_accessors,
    input_accessor_problem,
)
from gear_spec.file_types import FILE_TYPES, file_type_for
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
    "CONFIG_ACCESSOR_TYPES",
    "DEBUG_KEY",
    "DEFAULT_GEAR_DIR",
    "FILE_TYPES",
    "GEAR_DIR_ENV",
    "INPUT_ACCESSORS",
    "RUNTIME_CONFIG_KEYS",
    "RUNTIME_INPUT_KEYS",
    "GearIdentity",
    "GearPaths",
    "config_accessor_for",
    "config_accessor_problem",
    "config_accessors",
    "declared_config",
    "declared_inputs",
    "file_type_for",
    "gear_dir_from_env",
    "gear_identity",
    "input_accessor_problem",
    "input_names",
    "missing_defaults",
]
