"""The runtime logs at INFO which key a job uses (whose, from where, for which site), never
the key itself."""

from __future__ import annotations

import pytest

from gear_keys import ApiKey
from gear_pytest.fixtures_aws import MotoSsm
from gear_pytest.fixtures_gear import GearDirFactory, gear_manifest
from gear_pytest.fixtures_standin import StandInFactory
from gear_runner import ExitCode, GearArgs, execute_gear
from gear_runner.keys import KeyChoice

PREFIX = "/test/gearbot"
CONFIG = {
    "debug": {"type": "boolean", "default": False},
    "apikey_path_prefix": {"type": "string", "enum": ["", PREFIX], "default": ""},
}
MANIFEST = gear_manifest(CONFIG, {"api-key": {"base": "api-key"}})
USER_SECRET = "user-secret-5d1e"
BOT_SECRET = "bot-secret-77a0"


def test_the_three_choices_read_as_one_line_without_the_key() -> None:
    user = ApiKey.parse(f"site.example.org:{USER_SECRET}")
    bot = ApiKey.parse(f"site.example.org:{BOT_SECRET}")
    assert KeyChoice(user).describe() == (
        "API key: the job's own (input api-key), for https://site.example.org:443"
    )
    assert KeyChoice(user, bot, "/p/apikey").describe() == (
        "API key: the gear bot's, from SSM parameter '/p/apikey' (config apikey_path_prefix),"
        " for https://site.example.org:443"
    )
    assert KeyChoice(None).describe() == "API key: none (the manifest declares no api-key input)"


@pytest.mark.parametrize("use_bot", [False, True])
def test_a_run_logs_the_key_it_uses(
    standin_factory: StandInFactory,
    gear_dir_factory: GearDirFactory,
    moto_ssm: MotoSsm,
    capsys: pytest.CaptureFixture[str],
    use_bot: bool,
) -> None:
    standin = standin_factory({"keys": [USER_SECRET, BOT_SECRET]})
    parameter = moto_ssm.put_bot_key(PREFIX, standin.api_key(BOT_SECRET))
    config = {"apikey_path_prefix": PREFIX if use_bot else ""}
    gear_dir = gear_dir_factory(MANIFEST, config, api_key=standin.api_key(USER_SECRET))

    def main(args: GearArgs) -> int:
        return 0

    assert execute_gear(main, gear_dir.path) == ExitCode.OK
    captured = capsys.readouterr()
    err = captured.out + captured.err  # fw-gear's logging, then the runtime's
    origin = f"http://127.0.0.1:{standin.port}"
    if use_bot:
        assert f"API key: the gear bot's, from SSM parameter '{parameter}'" in err
    else:
        assert "API key: the job's own (input api-key)" in err
    assert f"for {origin}" in err
    assert USER_SECRET not in err
    assert BOT_SECRET not in err
