"""A gear's names and paths, the gears of a repository and its Python import roots.

`./dev` finds its import roots through this package, so at import time it needs nothing
first-party (the shared manifest reader, `manifest_rules`, is imported when a manifest is
read); dev_cli, buildcheck, config_usage, gear_release and gear_scaffold all name and find
gears through it.
"""

from gear_layout.gears import (
    GEARS_DIR,
    Gear,
    UnknownGearError,
    all_gears,
    gear_folders,
    gear_in,
    resolve_gear,
)
from gear_layout.names import app_package_for, folder_for, name_for
from gear_layout.roots import (
    SHARED_PYTHON_ROOTS,
    python_roots,
    shared_python_roots,
    use_python_roots,
)

__all__ = [
    "GEARS_DIR",
    "SHARED_PYTHON_ROOTS",
    "Gear",
    "UnknownGearError",
    "all_gears",
    "app_package_for",
    "folder_for",
    "gear_folders",
    "gear_in",
    "name_for",
    "python_roots",
    "resolve_gear",
    "shared_python_roots",
    "use_python_roots",
]
