"""csv-center-splitter: log the Flywheel user the job runs as and write a small JSON report."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from gear_runner import ExitCode

log = logging.getLogger(__name__)

REPORT_FILE = "csv-center-splitter-report.json"


def describe_file(path: Path) -> dict[str, Any]:
    """The report entry of one input file."""
    return {"file": path.name, "bytes": path.stat().st_size}


def run(
    *,
    client: Any,
    output_dir: Path,
    input_file: Path,
) -> int:
    """Look up the current user through the Flywheel client; report it and the input files."""
    user = client.get_current_user()
    log.info("running as %s", user.id)
    input_files: dict[str, Path] = {
        "input_file": input_file,
    }
    report = {
        "user": user.id,
        "inputs": {name: describe_file(path) for name, path in input_files.items()},
    }
    (output_dir / REPORT_FILE).write_text(json.dumps(report, indent=2) + "\n")
    log.info("wrote %s", REPORT_FILE)
    return ExitCode.OK
