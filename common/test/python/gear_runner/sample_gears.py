"""Tiny gears for the runner tests: `python sample_gears.py <name>` runs one under $FLYWHEEL."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable

import flywheel

from gear_runner import GearArgs, WorkFailed, run_gear

log = logging.getLogger("sample_gear")


def report_gear(args: GearArgs) -> int:
    """Reads every config value, checks who it is on Flywheel, writes output/report.json."""
    user = args.client.get_current_user()
    report = {
        "dry_run": args.config.bool("dry_run"),
        "admin_group": args.config.str("admin_group"),
        "apikey_path_prefix": args.config.str("apikey_path_prefix"),
        "project_file": args.inputs.path("project_file").read_text(),
        "user": user.id,
        "destination": args.destination,
    }
    (args.output_dir / "report.json").write_text(json.dumps(report))
    log.info("report written for %s", user.id)
    return 0


def leaky_gear(args: GearArgs) -> int:
    """Tries hard to leak the key: logs it at every level, then fails with it in the message."""
    key = args.context.config.inputs["api-key"]["key"]
    secret = key.rsplit(":", 1)[-1]
    log.debug("debug: key=%s secret=%s", key, secret)
    log.info("info: key=" + key)
    log.warning("warning: secret %s", secret)
    logging.getLogger("flywheel.rest").warning("sdk says %s", key)
    flywheel.Client(key)  # adds a handler of its own to the flywheel logger
    logging.getLogger("flywheel").warning("a new client's handler sees %s", key)
    client = args.client
    log.debug("client is %r", client)
    (args.output_dir / "report.json").write_text(json.dumps({"dry_run": args.config.bool("debug")}))
    raise RuntimeError(f"something broke while using {key}")


def failing_gear(args: GearArgs) -> int:
    """The work fails (exit 1, one line)."""
    raise WorkFailed(f"could not process {args.inputs.path('project_file').name}")


def exit_three_gear(args: GearArgs) -> int:
    """Returns its own exit code."""
    return 3


GEARS: dict[str, Callable[[GearArgs], int | None]] = {
    "report": report_gear,
    "leaky": leaky_gear,
    "failing": failing_gear,
    "exit3": exit_three_gear,
}

if __name__ == "__main__":
    run_gear(GEARS[sys.argv[1]])
