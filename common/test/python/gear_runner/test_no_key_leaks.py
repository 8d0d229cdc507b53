"""Acceptance: with debug logging and an error path, no key shows up anywhere.

Both runs are checked: on the job's own key, and on the gear bot key read from SSM (the site
then accepts only the bot key, so the test also proves which key did the work).

Not in a log line, the report, an exception message, or the running gear's real command line
(read from /proc while it runs; Linux). The stand-in here is careless: its error answers echo
the request's Authorization header, so a refused write carries the key back in its message.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from flywheel_standin import Fault, StandIn
from flywheel_standin.server import Answer
from gear_pytest.bot_site import BotKeySite
from gear_pytest.fixtures_aws import MotoSsm
from gear_pytest.fixtures_gear import GearDir, GearDirFactory, gear_manifest, run_gear_process

SAMPLE_GEARS = Path(__file__).with_name("sample_gears.py")
READY, GO = "argv-check-ready", "argv-check-go"  # the leaky gear's handshake (sample_gears.py)
SECRET = "leak-check-secret-8d3f61a2"
BOT_SECRET = "leak-check-bot-secret-51c0e9"
PREFIX = "/prod/flywheel/gearbot"
MANIFEST = gear_manifest(
    {
        "dry_run": {"type": "boolean", "default": False},
        "debug": {"type": "boolean", "default": False},
        "apikey_path_prefix": {"type": "string", "enum": ["", PREFIX], "default": ""},
    },
    {"project_file": {"base": "file"}, "api-key": {"base": "api-key"}},
)


class EchoingStandIn(StandIn):
    """A stand-in whose error answers echo the request's Authorization header."""

    def handle(self, method: str, target: str, headers: dict[str, str], body: bytes) -> Answer:
        answer = super().handle(method, target, headers, body)
        if answer.status < 400 or answer.drop:
            return answer
        echoed = f"{answer.payload['message']} (Authorization: {headers.get('authorization')})"
        return Answer(answer.status, {**answer.payload, "message": echoed})


class EchoingBotSite(EchoingStandIn, BotKeySite):
    """The careless site whose seed accepts only the gear bot key (the job key: its check)."""


@pytest.fixture
def echoing_standin() -> Iterator[StandIn]:
    with EchoingStandIn() as standin:
        yield standin


def output_files_text(folder: Path) -> str:
    return "".join(path.read_text() for path in folder.rglob("*") if path.is_file())


def process_state(pid: int) -> str:
    """The state letter in /proc/<pid>/stat ('Z' for a finished child not yet waited for)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return "X"
    return stat.rsplit(")", 1)[1].split()[0]


def descendants(pid: int) -> list[int]:
    """`pid` and every process below it, from the parent ids in /proc/*/stat."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found = [pid]
    for candidate in found:
        found += [child for child, parent in parents.items() if parent == candidate]
    return found


def command_lines(pid: int) -> list[list[str]]:
    """The real command lines of `pid` and its descendants, read from /proc/<pid>/cmdline."""
    lines = []
    for process in descendants(pid):
        try:
            raw = Path(f"/proc/{process}/cmdline").read_bytes()
        except OSError:
            continue
        lines.append([part.decode(errors="replace") for part in raw.split(b"\0") if part])
    return lines


def reading_command_lines(work_dir: Path, seen: list[list[str]]) -> Any:
    """A `while_running` hook: once the gear says READY, record its command lines; then GO."""

    def inspect(pid: int) -> None:
        deadline = time.monotonic() + 20
        while not (work_dir / READY).exists() and time.monotonic() < deadline:
            if process_state(pid) in "ZX":
                break
            time.sleep(0.02)
        seen.extend(command_lines(pid))
        (work_dir / GO).write_text("")

    return inspect


@dataclass
class LeakRun:
    """A leaky gear folder, the careless site it talks to, the env it runs with."""

    site: StandIn
    gear_dir: GearDir
    env: dict[str, str]
    secrets: tuple[str, ...]  # every secret of the run: none may show up anywhere


@pytest.fixture(params=["job key", "gear bot key"])
def leak_run(request: pytest.FixtureRequest, gear_dir_factory: GearDirFactory) -> Iterator[LeakRun]:
    """The run on the job's own key, or on the gear bot key from SSM (a site accepting only it)."""
    files = {"project_file": ("p.yaml", "a: 1")}
    if request.param == "job key":
        with EchoingStandIn() as site:
            key = site.api_key(SECRET)
            gear_dir = gear_dir_factory(MANIFEST, {"debug": True}, files=files, api_key=key)
            yield LeakRun(site, gear_dir, {}, (SECRET,))
        return
    moto_ssm: MotoSsm = request.getfixturevalue("moto_ssm")
    with EchoingBotSite(bot_secret=BOT_SECRET, job_secret=SECRET) as bot_site:
        moto_ssm.put_bot_key(PREFIX, bot_site.api_key(BOT_SECRET))
        config = {"debug": True, "apikey_path_prefix": PREFIX}
        key = bot_site.api_key(SECRET)
        gear_dir = gear_dir_factory(MANIFEST, config, files=files, api_key=key)
        yield LeakRun(bot_site, gear_dir, moto_ssm.env, (SECRET, BOT_SECRET))


def test_key_is_in_no_log_report_exception_or_process_argument(leak_run: LeakRun) -> None:
    site, gear_dir = leak_run.site, leak_run.gear_dir
    site.add_fault(Fault("POST", "/api/groups", status=403))
    seen: list[list[str]] = []
    result = run_gear_process(
        gear_dir,
        SAMPLE_GEARS,
        ["leaky"],
        env=leak_run.env,
        while_running=reading_command_lines(gear_dir.path / "work", seen),
    )
    assert result.exit_code == 1
    # The gear really logged at every level, at debug, and failed with the key in its message.
    assert "Log level is DEBUG" in result.stdout
    assert "debug: key=*** secret=***" in result.stderr
    assert "info: key=***" in result.stdout
    assert "the client sends ***" in result.stdout
    assert "warning: secret ***" in result.stdout
    assert "RuntimeError: something broke while using *** and ***" in result.stderr
    assert "a new client's handler sees ***" in result.stderr

    # The server echoed the key into a refused write; the report and the log carry it masked.
    [refused] = [r for r in site.requests if r.status == 403]
    assert (refused.method, refused.path) == ("POST", "/api/groups")
    report_text = (gear_dir.output_dir / "report.json").read_text()
    report = json.loads(report_text)
    assert report["failure"].startswith("create_group on leak-check failed: HTTP 403: ")
    assert report["failure"].endswith("(Authorization: scitran-user ***)")
    [record] = report["records"]
    assert record["outcome"] == "failed" and "scitran-user ***" in record["reason"]
    assert "the write failed: create_group on leak-check failed: HTTP 403" in result.output
    if isinstance(site, BotKeySite):
        # The job's key only passed the key checks (fw-gear's, the leaky gear's own client):
        # the bot key, the only one the site accepts, did the work, the refused write too.
        used = site.keys_used()
        assert [u for u in used if u[2] != "bot"] == [("GET", "/api/auth/status", "job")] * 2
        assert ("POST", "/api/groups", "bot") in used

    # The running gear's real command line (and any child's), read from /proc.
    assert seen, "the gear's command line could not be read"
    assert seen[0][-2:] == [str(SAMPLE_GEARS), "leaky"]  # it was read while the gear ran
    assert gear_dir.config_path.stat().st_mode & 0o777 == 0o600

    for secret in leak_run.secrets:
        assert secret not in result.stdout
        assert secret not in result.stderr
        assert secret not in report_text
        assert secret not in output_files_text(gear_dir.output_dir)
        assert secret not in output_files_text(gear_dir.path / "work")
        assert not any(secret in argument for argv in seen for argument in argv)


def test_rejected_key_error_does_not_show_it(
    gear_dir_factory: GearDirFactory, echoing_standin: StandIn
) -> None:
    echoing_standin.load({"keys": ["some-other-key"]})
    key = echoing_standin.api_key(SECRET)
    gear_dir = gear_dir_factory(
        MANIFEST, {"debug": True}, files={"project_file": ("p.yaml", "a: 1")}, api_key=key
    )
    result = run_gear_process(gear_dir, SAMPLE_GEARS, ["report"])
    assert result.exit_code == 2
    assert [r.status for r in echoing_standin.requests] == [401]  # its answer echoed the key
    assert "rejected the key (HTTP 401)" in result.stderr
    assert "Traceback" not in result.output
    assert SECRET not in result.output
