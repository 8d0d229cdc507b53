"""Fill config values a job left out with the manifest's defaults.

Jobs launched by old gear rules carry only some config keys; a manifest default is the
value the gear author chose for exactly that case.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gear_spec import missing_defaults


def fill_config_defaults(
    config_json: dict[str, Any], declared: Mapping[str, Any]
) -> dict[str, Any]:
    """Add the missing defaults to `config_json["config"]` (created if absent); return them."""
    config = config_json.setdefault("config", {})
    if not isinstance(config, dict):
        return {}  # not an object: validation reports it
    filled = missing_defaults(declared, config)
    config.update(filled)
    return filled
