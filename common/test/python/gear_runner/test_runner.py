"""execute_gear in-process against the Flywheel stand-in: exit codes and one-line errors."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any

import pytest

from flywheel_standin import Fault, StandIn
from gear_pytest.fixtures_gear import GearDir, GearDirFactory, gear_manifest
from gear_pytest.fixtures_standin import StandInFactory
from gear_runner import (
    RUNTIME_CONFIG_KEYS,
    RUNTIME_INPUT_KEYS,
    ExitCode,
    GearArgs,
    WorkFailed,
    execute_gear,
)

SECRET = "runner-secret-0c4e2f"
CONFIG = {
    "dry_run": {"type": "boolean", "default": False},
    "admin_group": {"type": "string", "default": "nacc"},
    "debug": {"type": "boolean", "default": False},
}
INPUTS = {"project_file": {"base": "file"}, "api-key": {"base": "api-key"}}
MANIFEST = gear_manifest(CONFIG, INPUTS)


def make_gear(
    factory: GearDirFactory, api_key: str, config: dict[str, Any] | None = None
) -> GearDir:
    return factory(
        MANIFEST, config or {}, files={"project_file": ("p.yaml", "a: 1")}, api_key=api_key
    )


def test_success_passes_typed_args_with_defaults(
    gear_dir_factory: GearDirFactory, standin: StandIn, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: dict[str, Any] = {}

    def main(args: GearArgs) -> int:
        seen["dry_run"] = args.config.bool("dry_run")
        seen["admin_group"] = args.config.str("admin_group")
        seen["text"] = args.inputs.path("project_file").read_text()
        seen["user"] = args.client.get_current_user().id
        seen["dirs"] = (args.output_dir.name, args.work_dir.name)
        seen["destination"] = args.destination
        seen["context_key_input"] = "api-key" in args.context.config.inputs
        return 0

    gear_dir = make_gear(gear_dir_factory, standin.api_key(SECRET), {"dry_run": True})
    assert execute_gear(main, gear_dir.path) == ExitCode.OK
    assert seen == {
        "dry_run": True,
        "admin_group": "nacc",
        "text": "a: 1",
        "user": "admin@example.org",
        "dirs": ("output", "work"),
        "destination": {"type": "project", "id": "project-1"},
        "context_key_input": True,
    }
    assert [(r.method, r.path) for r in standin.requests] == [
        ("GET", "/api/auth/status"),
        ("GET", "/api/users/self"),
    ]
    err = capsys.readouterr().err
    assert 'admin_group is not set; using the manifest default "nacc"' in err
    assert "debug is not set; using the manifest default false" in err


def test_main_return_value_is_the_exit_code(
    gear_dir_factory: GearDirFactory, standin: StandIn
) -> None:
    gear_dir = make_gear(gear_dir_factory, standin.api_key(SECRET))
    assert execute_gear(lambda args: None, gear_dir.path) == 0
    assert execute_gear(lambda args: 3, gear_dir.path) == 3


def raise_work_failed(args: GearArgs) -> int:
    raise WorkFailed("center alpha could not be created")


def read_undeclared_key(args: GearArgs) -> int:
    return int(args.config.bool("dryrun"))


def raise_key_error(args: GearArgs) -> int:
    values: dict[str, int] = {}
    return values["missing"]


def get_missing_group(args: GearArgs) -> int:
    args.client.get_group("no-such-group")
    return 0


@pytest.mark.parametrize(
    ("main", "message", "is_bug"),
    [
        pytest.param(
            raise_work_failed, "center alpha could not be created", False, id="work_failed"
        ),
        pytest.param(
            read_undeclared_key,
            "gear bug: config key 'dryrun' is not declared",
            True,
            id="undeclared_key",
        ),
        pytest.param(raise_key_error, "gear bug: unexpected KeyError", True, id="exception"),
        pytest.param(
            get_missing_group, "Flywheel request failed: (404)", False, id="flywheel_error"
        ),
    ],
)
def test_a_failing_main_exits_1_with_a_traceback_only_for_a_bug(
    gear_dir_factory: GearDirFactory,
    standin: StandIn,
    capsys: pytest.CaptureFixture[str],
    main: Callable[[GearArgs], int],
    message: str,
    is_bug: bool,
) -> None:
    gear_dir = make_gear(gear_dir_factory, standin.api_key(SECRET))
    assert execute_gear(main, gear_dir.path) == ExitCode.FAILED
    err = capsys.readouterr().err
    assert message in err
    assert ("Traceback" in err) is is_bug


def test_flywheel_gone_during_main_is_one_line(
    gear_dir_factory: GearDirFactory, standin: StandIn, capsys: pytest.CaptureFixture[str]
) -> None:
    def main(args: GearArgs) -> int:
        standin.stop()
        args.client.get_current_user()
        return 0

    gear_dir = make_gear(gear_dir_factory, standin.api_key(SECRET))
    assert execute_gear(main, gear_dir.path) == ExitCode.FAILED
    err = capsys.readouterr().err
    assert "Flywheel is unreachable (ConnectError)" in err


def test_sys_exit_in_main(gear_dir_factory: GearDirFactory, standin: StandIn) -> None:
    gear_dir = make_gear(gear_dir_factory, standin.api_key(SECRET))
    assert execute_gear(lambda args: sys.exit(0), gear_dir.path) == 0
    assert execute_gear(lambda args: sys.exit(4), gear_dir.path) == 4
    assert execute_gear(lambda args: sys.exit("stopped: reason"), gear_dir.path) == 1


def test_rejected_key_exits_2(
    gear_dir_factory: GearDirFactory,
    standin_factory: StandInFactory,
    capsys: pytest.CaptureFixture[str],
) -> None:
    standin = standin_factory({"keys": ["the-only-good-key"]})
    gear_dir = make_gear(gear_dir_factory, standin.api_key(SECRET))
    assert execute_gear(lambda args: 0, gear_dir.path) == ExitCode.INVALID
    err = capsys.readouterr().err
    assert "rejected the key (HTTP 401)" in err
    assert SECRET not in err
    assert "Traceback" not in err


def test_unreachable_flywheel_exits_1(
    gear_dir_factory: GearDirFactory, capsys: pytest.CaptureFixture[str], closed_port: int
) -> None:
    port = closed_port
    gear_dir = make_gear(gear_dir_factory, f"127.0.0.1:{port}:__force_insecure:{SECRET}")
    assert execute_gear(lambda args: 0, gear_dir.path) == ExitCode.FAILED
    err = capsys.readouterr().err
    assert f"Flywheel at http://127.0.0.1:{port} is unreachable (ConnectError)" in err
    assert "Traceback" not in err


def test_flywheel_server_error_on_key_check_exits_1(
    gear_dir_factory: GearDirFactory, standin: StandIn, capsys: pytest.CaptureFixture[str]
) -> None:
    standin.add_fault(Fault("GET", "/api/auth/status", status=503))
    gear_dir = make_gear(gear_dir_factory, standin.api_key(SECRET))
    assert execute_gear(lambda args: 0, gear_dir.path) == ExitCode.FAILED
    assert "answered HTTP 503 to the key check" in capsys.readouterr().err


def test_missing_config_json_exits_2_without_requests(
    gear_dir_factory: GearDirFactory, standin: StandIn, capsys: pytest.CaptureFixture[str]
) -> None:
    gear_dir = make_gear(gear_dir_factory, standin.api_key(SECRET))
    gear_dir.config_path.unlink()
    assert execute_gear(lambda args: 0, gear_dir.path) == ExitCode.INVALID
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "config.json: not found at" in err
    assert standin.requests == []


def test_invalid_manifest_exits_2(
    gear_dir_factory: GearDirFactory, standin: StandIn, capsys: pytest.CaptureFixture[str]
) -> None:
    manifest = gear_manifest({"dry_run": {"default": False}}, INPUTS)
    gear_dir = gear_dir_factory(manifest, {}, api_key=standin.api_key(SECRET))
    assert execute_gear(lambda args: 0, gear_dir.path) == ExitCode.INVALID
    assert "manifest.json: config.dry_run" in capsys.readouterr().err
    assert standin.requests == []


def test_client_without_api_key_input_exits_2(
    gear_dir_factory: GearDirFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    gear_dir = gear_dir_factory(gear_manifest({}, {}), {})
    assert execute_gear(lambda args: args.client.get_current_user(), gear_dir.path) == 2
    assert "Flywheel client unavailable: manifest.json declares no api-key input" in (
        capsys.readouterr().err
    )


def test_debug_mode_keeps_http_loggers_at_warning(
    gear_dir_factory: GearDirFactory, standin: StandIn
) -> None:
    levels: dict[str, int] = {}

    def main(args: GearArgs) -> int:
        levels.update({name: logging.getLogger(name).level for name in ("httpx2", "botocore")})
        levels["root"] = logging.getLogger().level
        return 0

    gear_dir = make_gear(gear_dir_factory, standin.api_key(SECRET), {"debug": True})
    assert execute_gear(main, gear_dir.path) == 0
    assert levels.pop("root") == logging.DEBUG
    assert set(levels.values()) == {logging.WARNING}


def test_runtime_keys() -> None:
    assert frozenset({"apikey_path_prefix", "debug"}) == RUNTIME_CONFIG_KEYS
    assert frozenset({"api-key"}) == RUNTIME_INPUT_KEYS
