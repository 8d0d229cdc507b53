"""error_lines: both of the runtime's log formats, and nothing else."""

from __future__ import annotations

import logging

from gear_pytest.logs import error_lines
from gear_runner.masking import EARLY_FORMAT


def test_error_lines_of_both_formats_and_no_other_line() -> None:
    early = logging.Formatter(EARLY_FORMAT).format(
        logging.makeLogRecord({"levelname": "ERROR", "msg": "config.json: no api-key"})
    )
    output = "\n".join(
        [
            "INFO: config.json: debug is not set",
            early,
            "[2648ms   INFO     ]  running as admin@example.org",
            "[2650ms   ERROR    ]  Flywheel is unreachable",
            "[2026-11-30 07:00:00,123   ERROR     MainProcess      gear_runner:12]  in debug",
            "[2026-11-30 07:00:00,124   INFO      MainProcess      gear_runner:13]  ERROR later",
            "a line that mentions ERROR: in passing",
        ]
    )
    assert error_lines(output) == [
        "ERROR: config.json: no api-key",
        "[2650ms   ERROR    ]  Flywheel is unreachable",
        "[2026-11-30 07:00:00,123   ERROR     MainProcess      gear_runner:12]  in debug",
    ]
