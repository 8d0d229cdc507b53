"""Run a gear: read and check the invocation, choose the key, open the context, call main.

The whole run is under `gear_stop.stop_handlers()`: SIGTERM, SIGHUP and SIGINT only set the
stop flag, the next write raises `StopRequested` instead of starting, the gear writes its report
(`interrupted` = the signal's name) and the run exits 1 with one line, never a traceback.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import flywheel
import httpx2

from flywheel_access.failures import unexpected_answer
from gear_keys import ParameterReader
from gear_runner.args import ConfigValues, GearArgs, InputValues
from gear_runner.defaults import fill_config_defaults
from gear_runner.errors import ExitCode, GearError, InvocationError, ServiceUnreachable
from gear_runner.invocation import Invocation, read_invocation
from gear_runner.keys import KeyChoice, register_key_inputs, resolve_keys
from gear_runner.masking import (
    install_early_logging,
    install_masking,
    pin_noisy_loggers,
    preserved_logging,
)
from gear_runner.session import connect_bot_client, open_gear_context
from gear_runner.validation import invocation_problems, manifest_problems
from gear_spec import gear_dir_from_env, gear_identity
from gear_stop import STOP, StopRequested, install_stop_handlers, stop_handlers
from message_quotes import QUOTE_LIMIT, cut_text, quoted

GearMain = Callable[[GearArgs], int | None]

log = logging.getLogger("gear_runner")


def checked_invocation(gear_dir: Path) -> Invocation:
    """Read manifest.json and config.json, fill config defaults, validate; no network.

    Raises InvocationError listing every problem found.
    """
    invocation = read_invocation(gear_dir)
    register_key_inputs(invocation)
    problems = manifest_problems(invocation.manifest)
    if problems:
        raise InvocationError(*problems)
    invocation.config_json.setdefault("inputs", {})
    filled = fill_config_defaults(invocation.config_json, invocation.declared_config)
    for key, value in filled.items():
        log.info(
            "config.json: %s is not set; using the manifest default %s", key, json.dumps(value)
        )
    problems = invocation_problems(invocation)
    if problems:
        raise InvocationError(*problems)
    return invocation


def init_gear_logging(context: Any) -> None:
    """fw-gear's logging (debug when config `debug` is true), then masking and quiet loggers."""
    context.init_logging()
    install_masking()
    pin_noisy_loggers()


def _shown(value: Any) -> str:
    """A logged config value: as is when short and printable, else quoted short."""
    if isinstance(value, str) and len(value) <= QUOTE_LIMIT and value.isprintable():
        return value
    return quoted(value)


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def log_invocation(invocation: Invocation) -> None:
    """What fw-gear's `GearContext.log_config` logs (destination, file inputs, config values),
    with every value cut short (`message_quotes`): a config value can be megabytes."""
    destination = invocation.destination
    log.info("Destination is %s=%s", _shown(destination.get("type")), _shown(destination.get("id")))
    for name, value in invocation.inputs.items():
        if not isinstance(value, dict) or value.get("base") != "file":
            continue
        hierarchy = _mapping(value.get("hierarchy"))
        location = _mapping(value.get("location"))
        log.info(
            'Input file "%s" is %s from %s=%s',
            name,
            _shown(location.get("name")),
            _shown(hierarchy.get("type")),
            _shown(hierarchy.get("id")),
        )
    for key, value in invocation.config.items():
        log.info('Config "%s=%s"', key, _shown(value))


def gear_args(invocation: Invocation, context: Any, client: Any) -> GearArgs:
    """The GearArgs for `main`."""
    return GearArgs(
        config=ConfigValues(invocation.declared_config, invocation.config),
        inputs=InputValues(
            invocation.declared_inputs, invocation.inputs, invocation.paths.input_dir
        ),
        output_dir=context.output_dir,
        work_dir=context.work_dir,
        destination=invocation.destination,
        gear=gear_identity(invocation.manifest),
        context=context,
        flywheel_client=client,
    )


def _run(main: GearMain, gear_dir: Path, ssm_client: ParameterReader | None) -> int:
    invocation = checked_invocation(gear_dir)
    keys: KeyChoice = resolve_keys(invocation, ssm_client=ssm_client)
    context = open_gear_context(invocation.paths, keys.user_key)
    context.config.opts = invocation.config  # with the defaults filled in
    with context:
        init_gear_logging(context)
        log_invocation(invocation)
        log.info("%s", keys.describe())
        client = connect_bot_client(keys.bot_key) if keys.bot_key else context.client
        install_masking()  # each flywheel.Client adds handlers of its own
        STOP.raise_if_stopped("the gear started")
        result = main(gear_args(invocation, context, client))
    STOP.raise_if_stopped()  # a stop after the last write: the run still ends as stopped
    return ExitCode.OK if result is None else int(result)


def _service_error(error: Exception) -> GearError | None:
    """A one-line error for a Flywheel failure escaping the gear's main (or the client's first
    call), else None: an error status, no connection, or an answer the SDK cannot read."""
    if isinstance(error, flywheel.ApiException):
        return ServiceUnreachable(cut_text(f"Flywheel request failed: {error}"))
    unreadable = unexpected_answer(error)
    if unreadable is not None:
        return ServiceUnreachable(unreadable)
    if isinstance(error, httpx2.TransportError):
        return ServiceUnreachable(f"Flywheel is unreachable ({type(error).__name__}); retry later")
    return None


def report(error: GearError) -> int:
    """Log `error` (one line per problem; a traceback only for gear bugs); its exit code."""
    if error.show_traceback:
        log.error("gear bug: %s", error, exc_info=error)
        return int(error.exit_code)
    problems = getattr(error, "problems", None) or (str(error),)
    if len(problems) > 1:
        log.error("%d problems; nothing was sent to Flywheel:", len(problems))
    for problem in problems:
        log.error("%s", problem)
    return int(error.exit_code)


def stopped(stop: StopRequested) -> int:
    """Log how a stop signal ended the run; exit code 1."""
    log.error(
        "%s; no write was started after it (the gear's report, if any, says interrupted)", stop
    )
    return ExitCode.FAILED


def _exit_code(exit_request: SystemExit) -> int:
    code = exit_request.code
    if code is None or isinstance(code, int):
        return int(code or 0)
    log.error("%s", code)
    return ExitCode.FAILED


def execute_gear(
    main: GearMain, gear_dir: Path, *, ssm_client: ParameterReader | None = None
) -> int:
    """Run `main` for the gear folder `gear_dir`; return the exit code (0, 1 or 2, or main's).

    While it runs, SIGTERM, SIGHUP and SIGINT stop the run (see the module docstring): exit 1.
    `ssm_client` replaces boto3's SSM client (tests only).
    """
    STOP.clear()
    try:
        return _guarded_run(main, gear_dir, ssm_client)
    finally:
        STOP.clear()  # the run is over: code after it in this process (tests) may write again


def _guarded_run(main: GearMain, gear_dir: Path, ssm_client: ParameterReader | None) -> int:
    with preserved_logging(), stop_handlers():
        install_early_logging()
        try:
            return _run(main, gear_dir, ssm_client)
        except StopRequested as stop:
            return stopped(stop)
        except GearError as error:
            return report(error)
        except SystemExit as exit_request:
            return _exit_code(exit_request)
        except Exception as error:
            service_error = _service_error(error)
            if service_error is not None:
                return report(service_error)
            log.exception("gear bug: unexpected %s", type(error).__name__)
            return ExitCode.FAILED


def run_gear(main: GearMain) -> NoReturn:
    """The whole gear run for the folder in $FLYWHEEL (default /flywheel/v0); exits the process.

    The stop handlers stay installed until the process ends, so a late signal is no traceback.
    """
    install_stop_handlers()
    sys.exit(execute_gear(main, gear_dir_from_env()))
