"""A FlywheelAccessError escaping a gear's main: a "gear bug" with a traceback, unless the gear
wraps its work in `as_work_failed()`, which makes it WorkFailed: exit 1, one line."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from flywheel_access import (
    FlywheelAccess,
    UnknownGroup,
    UnknownRole,
    as_work_failed,
    work_failed,
)
from flywheel_standin import StandIn
from gear_pytest.fixtures_gear import GearDirFactory, gear_manifest
from gear_runner import ExitCode, GearArgs, InvocationError, WorkFailed, execute_gear

MANIFEST = gear_manifest(
    {"debug": {"type": "boolean", "default": False}}, {"api-key": {"base": "api-key"}}
)
HINT = "create it, or set config admin_group"


def admins_of_missing_group(args: GearArgs) -> int:
    FlywheelAccess(args.client, dry_run=True).admins_of("no-such-group")
    return 0


def admins_of_missing_group_wrapped(args: GearArgs) -> int:
    with as_work_failed(HINT):
        return admins_of_missing_group(args)


def test_wrapped_an_access_error_is_one_line_and_exit_1(
    gear_dir_factory: GearDirFactory, standin: StandIn, capsys: pytest.CaptureFixture[str]
) -> None:
    gear_dir = gear_dir_factory(MANIFEST, api_key=standin.api_key())
    assert execute_gear(admins_of_missing_group_wrapped, gear_dir.path) == ExitCode.FAILED
    err = capsys.readouterr().err
    assert f"group 'no-such-group' does not exist on this Flywheel site; {HINT}" in err
    assert "gear bug" not in err
    assert "Traceback" not in err


def test_unwrapped_it_is_a_gear_bug_with_a_traceback(
    gear_dir_factory: GearDirFactory, standin: StandIn, capsys: pytest.CaptureFixture[str]
) -> None:
    gear_dir = gear_dir_factory(MANIFEST, api_key=standin.api_key())
    assert execute_gear(admins_of_missing_group, gear_dir.path) == ExitCode.FAILED
    err = capsys.readouterr().err
    assert "gear bug: unexpected UnknownGroup" in err
    assert "Traceback" in err


def test_work_failed_keeps_the_message_and_adds_the_hint() -> None:
    error = UnknownRole("no role labelled 'admin' on this Flywheel site (roles: none)")
    assert str(work_failed(error)) == str(error)
    assert str(work_failed(error, "add one")) == f"{error}; add one"
    assert isinstance(work_failed(error), WorkFailed)


def test_other_errors_pass_through_unchanged() -> None:
    with pytest.raises(InvocationError, match="bad config"), as_work_failed("hint"):
        raise InvocationError("bad config")
    with pytest.raises(WorkFailed) as raised, as_work_failed():
        raise UnknownGroup("group 'x' does not exist")
    assert raised.value.__cause__ is None
    assert raised.value.__suppress_context__


def test_importing_flywheel_access_leaves_the_sdk_environment_alone() -> None:
    """Tools import flywheel_access; only the gear runtime sets flywheel-sdk's variables."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLYWHEEL_SDK_")}
    code = "import os, flywheel_access; print(sorted(k for k in os.environ if 'FLYWHEEL_SDK' in k))"
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
