"""Reading a gear's log in tests: its ERROR lines, in either of the runtime's two formats."""

from __future__ import annotations

import re

# Before fw-gear's logging is set up, the runtime logs "ERROR: message" (gear_runner's
# EARLY_FORMAT); after, fw-gear's (fw_gear 0.3.7 logging/defaults/info.json and debug.json):
# "[2648ms   ERROR    ]  message", or with debug "[<asctime>   ERROR     <process>  <name>:<n>]".
ERROR_LINE = re.compile(r"^(?:ERROR: |\[[^\]]*\bERROR\b[^\]]*\]\s)")


def error_lines(output: str) -> list[str]:
    """The lines of `output` (a gear's stdout and stderr) that log an error."""
    return [line for line in output.splitlines() if ERROR_LINE.match(line)]
