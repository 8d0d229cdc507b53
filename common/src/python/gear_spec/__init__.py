"""The Flywheel gear spec's facts that the runtime, `./dev run` and the tests share.

The layout of a gear folder (`GearPaths`: /flywheel/v0, or $FLYWHEEL) and what a manifest
declares (config keys, inputs by base, defaults). Light on purpose: nothing here imports
flywheel-sdk or sets its environment, so tools can use it.
"""

from gear_spec.folder import DEFAULT_GEAR_DIR, GEAR_DIR_ENV, GearPaths, gear_dir_from_env
from gear_spec.manifest import declared_config, declared_inputs, input_names, missing_defaults

__all__ = [
    "DEFAULT_GEAR_DIR",
    "GEAR_DIR_ENV",
    "GearPaths",
    "declared_config",
    "declared_inputs",
    "gear_dir_from_env",
    "input_names",
    "missing_defaults",
]
