"""The gear bot key: config apikey_path_prefix makes the run use the key stored in SSM (moto)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from flywheel_standin import StandIn
from gear_pytest.bot_site import BotKeySite
from gear_pytest.fixtures_aws import MotoSsm
from gear_run import config_from_manifest, write_gear_folder
from gear_runner import ExitCode, execute_gear
from project_app.run import main

MANIFEST = Path(__file__).parent.parent.parent / "src" / "docker" / "manifest.json"
PREFIX = "/prod/flywheel/gearbot"
USER_SECRET = "user-secret-1234"
BOT_SECRET = "bot-secret-5678"
# The site accepts only the bot key (BotKeySite): the user's key passes fw-gear's key check
# and nothing more, so a run that works proves the bot key did the work.
SEED: dict[str, Any] = {
    "groups": [
        {
            "id": "nacc",
            "label": "NACC",
            "permissions": [{"id": "admin@example.org", "access": "admin"}],
        }
    ],
}
PROJECT = """\
project: Project Tau
project-id: tau
centers: [{name: Alpha ADRC, center-id: alpha}]
datatypes: [form]
"""


def run_with_prefix(tmp_path: Path, standin: StandIn, prefix: str) -> int:
    """Run the gear with the user's key in config.json; the exit code."""
    project_file = tmp_path / "project-file.yaml"
    project_file.write_text(PROJECT)
    manifest = json.loads(MANIFEST.read_text())
    config = config_from_manifest(manifest, {}) | {"apikey_path_prefix": prefix}
    folder = tmp_path / "gear"
    write_gear_folder(
        folder, MANIFEST, config, {"project_file": project_file}, standin.api_key(USER_SECRET)
    )
    return execute_gear(main, folder)


@pytest.fixture
def site() -> Iterator[BotKeySite]:
    standin = BotKeySite(SEED, bot_secret=BOT_SECRET, job_secret=USER_SECRET)
    with standin:
        yield standin


def test_bot_key_from_ssm_does_the_work(
    tmp_path: Path, site: BotKeySite, moto_ssm: MotoSsm
) -> None:
    moto_ssm.put_bot_key(PREFIX, site.api_key(BOT_SECRET))
    code = run_with_prefix(tmp_path, site, PREFIX)
    assert code == ExitCode.OK
    assert "alpha" in {group["id"] for group in site.dump()["groups"]}
    assert site.writes()
    used = site.keys_used()
    assert used[0] == ("GET", "/api/auth/status", "job")  # fw-gear's check of the job key
    assert {key for _, _, key in used[1:]} == {"bot"}


def test_a_rejected_bot_key_stops_the_run_before_any_write(
    tmp_path: Path, site: StandIn, moto_ssm: MotoSsm, capfd: pytest.CaptureFixture[str]
) -> None:
    # The SSM key is not one the site accepts: the user's (valid) key must not be used instead.
    moto_ssm.put_bot_key(PREFIX, site.api_key("revoked-bot-key"))
    code = run_with_prefix(tmp_path, site, PREFIX)
    assert code == ExitCode.INVALID
    assert site.writes() == []
    log = capfd.readouterr().err
    assert "gear bot key" in log and "rejected the key" in log
    assert "revoked-bot-key" not in log


def test_a_missing_ssm_parameter_is_named(
    tmp_path: Path, site: StandIn, moto_ssm: MotoSsm, capfd: pytest.CaptureFixture[str]
) -> None:
    code = run_with_prefix(tmp_path, site, PREFIX)
    assert code == ExitCode.INVALID
    assert site.writes() == []
    assert f"SSM parameter '{PREFIX}/apikey' does not exist" in capfd.readouterr().err


def test_a_prefix_outside_the_manifest_enum_is_refused_before_ssm(
    tmp_path: Path, site: StandIn, moto_ssm: MotoSsm
) -> None:
    moto_ssm.put_bot_key("/other/place", site.api_key(BOT_SECRET))
    code = run_with_prefix(tmp_path, site, "/other/place")
    assert code == ExitCode.INVALID
    assert site.requests == []
