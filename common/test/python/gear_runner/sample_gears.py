"""Tiny gears for the runner tests: `python sample_gears.py <name>` runs one under $FLYWHEEL."""

from __future__ import annotations

import json
import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path

import flywheel

from flywheel_access import FlywheelAccess, RetryPolicy, WriteFailed
from gear_runner import GearArgs, WorkFailed, run_gear

log = logging.getLogger("sample_gear")
# The leaky gear's handshake with a test that reads its command line while it runs: it writes
# READY into work/ and waits (at most GATE_TIMEOUT seconds) for the test to write GO.
READY = "argv-check-ready"
GO = "argv-check-go"
GATE_TIMEOUT = 20.0


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


def client_secret(client: flywheel.Client) -> str:
    """The key `client` sends in its Authorization header (read from the SDK's configuration)."""
    return str(client._fw.api_client.configuration.api_key["Authorization"])


def wait_for_the_test(work_dir: Path) -> None:
    """Say READY, then wait for GO (the test inspects this process meanwhile)."""
    (work_dir / READY).write_text("")
    deadline = time.monotonic() + GATE_TIMEOUT
    while not (work_dir / GO).exists() and time.monotonic() < deadline:
        time.sleep(0.02)


def leaky_gear(args: GearArgs) -> int:
    """Tries hard to leak the key: logs it at every level, has a write fail with a server
    message echoing it, writes that failure into its report, then fails with the key in the
    exception message.
    """
    key = args.context.config.inputs["api-key"]["key"]
    secret = key.rsplit(":", 1)[-1]
    used = client_secret(args.client)  # the gear bot key's, when the run uses it
    log.debug("debug: key=%s secret=%s", key, secret)
    log.info("the client sends %s", used)
    log.info("info: key=" + key)
    log.warning("warning: secret %s", secret)
    logging.getLogger("flywheel.rest").warning("sdk says %s", key)
    flywheel.Client(key)  # adds a handler of its own to the flywheel logger
    logging.getLogger("flywheel").warning("a new client's handler sees %s", key)
    client = args.client
    log.debug("client is %r", client)
    wait_for_the_test(args.work_dir)
    # The real path a key could take into a report: a refused write whose server message
    # echoes the request's Authorization header, recorded by flywheel_access.
    access = FlywheelAccess(client, dry_run=False, retry=RetryPolicy(attempts=1))
    report: dict[str, object] = {}
    try:
        access.ensure_group("leak-check", "Leak check")
    except WriteFailed as error:
        log.error("the write failed: %s", error)
        report["failure"] = str(error)
    report["records"] = [record.as_dict() for record in access.records]
    (args.output_dir / "report.json").write_text(json.dumps(report))
    raise RuntimeError(f"something broke while using {key} and {used}")


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
