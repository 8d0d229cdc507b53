"""The config keys and inputs the runtime reads itself: a gear's code need not read them, and a
new gear may not reuse them."""

from __future__ import annotations

# config: the SSM prefix of the gear bot's API key (docs/api-keys.md).
BOT_PREFIX_KEY = "apikey_path_prefix"
# config: fw-gear's debug logging switch.
DEBUG_KEY = "debug"
# inputs: the user's API key.
API_KEY_INPUT = "api-key"

RUNTIME_CONFIG_KEYS = frozenset({BOT_PREFIX_KEY, DEBUG_KEY})
RUNTIME_INPUT_KEYS = frozenset({API_KEY_INPUT})
