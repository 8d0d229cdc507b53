"""Acceptance: the gear bot key from moto SSM, used only for the job key's own Flywheel site."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from flywheel_standin import StandIn
from gear_pytest.fixtures_aws import MotoSsm
from gear_pytest.fixtures_gear import GearDir, GearDirFactory, gear_manifest, run_gear_process
from gear_runner import ExitCode, GearArgs, execute_gear

SAMPLE_GEARS = Path(__file__).with_name("sample_gears.py")
PREFIX = "/prod/flywheel/gearbot"
USER_SECRET = "job-user-secret-6a90c1"
BOT_SECRET = "gear-bot-secret-f27b33"
MANIFEST = gear_manifest(
    {
        "dry_run": {"type": "boolean", "default": False},
        "admin_group": {"type": "string", "default": "nacc"},
        "apikey_path_prefix": {"type": "string", "enum": ["", PREFIX], "default": ""},
    },
    {"project_file": {"base": "file"}, "api-key": {"base": "api-key"}},
)


class AuthLoggingStandIn(StandIn):
    """The stand-in, also recording each request's Authorization header."""

    def __init__(self, seed: dict[str, Any] | None = None) -> None:
        super().__init__(seed)
        self.authorizations: list[tuple[str, str, str]] = []

    def handle(self, method: str, target: str, headers: dict[str, str], body: bytes) -> Any:
        path = target.split("?", 1)[0]
        self.authorizations.append((method, path, headers.get("authorization", "")))
        return super().handle(method, target, headers, body)


@pytest.fixture
def site() -> Iterator[AuthLoggingStandIn]:
    standin = AuthLoggingStandIn()
    standin.start()
    yield standin
    standin.stop()


def bot_gear(factory: GearDirFactory, site: StandIn) -> GearDir:
    return factory(
        MANIFEST,
        {"apikey_path_prefix": PREFIX},
        files={"project_file": ("p.yaml", "a: 1")},
        api_key=site.api_key(USER_SECRET),
    )


def assert_secrets_hidden(output: str) -> None:
    assert USER_SECRET not in output
    assert BOT_SECRET not in output


def test_bot_key_is_used_for_the_gears_requests(
    gear_dir_factory: GearDirFactory, site: AuthLoggingStandIn, moto_ssm: MotoSsm
) -> None:
    moto_ssm.put_bot_key(PREFIX, site.api_key(BOT_SECRET))
    gear_dir = bot_gear(gear_dir_factory, site)
    result = run_gear_process(gear_dir, SAMPLE_GEARS, ["report"], env=moto_ssm.env)
    assert result.exit_code == 0, result.output
    report = json.loads((gear_dir.output_dir / "report.json").read_text())
    assert report["apikey_path_prefix"] == PREFIX
    assert site.authorizations == [
        ("GET", "/api/auth/status", f"scitran-user {USER_SECRET}"),  # fw-gear checks the job key
        ("GET", "/api/auth/status", f"scitran-user {BOT_SECRET}"),
        ("GET", "/api/users/self", f"scitran-user {BOT_SECRET}"),  # the gear's own request
    ]
    assert_secrets_hidden(result.output)


def test_bot_key_in_process(
    gear_dir_factory: GearDirFactory, site: AuthLoggingStandIn, moto_ssm: MotoSsm
) -> None:
    moto_ssm.put_bot_key(PREFIX, site.api_key(BOT_SECRET))
    users: list[str] = []

    def main(args: GearArgs) -> int:
        users.append(args.client.get_current_user().id)
        return 0

    assert execute_gear(main, bot_gear(gear_dir_factory, site).path) == 0
    assert users == ["admin@example.org"]
    assert site.authorizations[-1] == ("GET", "/api/users/self", f"scitran-user {BOT_SECRET}")


def test_bot_key_for_another_host_is_refused_before_any_request(
    gear_dir_factory: GearDirFactory, site: AuthLoggingStandIn, moto_ssm: MotoSsm
) -> None:
    moto_ssm.put_bot_key(PREFIX, f"localhost:{site.port}:__force_insecure:{BOT_SECRET}")
    gear_dir = bot_gear(gear_dir_factory, site)
    result = run_gear_process(gear_dir, SAMPLE_GEARS, ["report"], env=moto_ssm.env)
    assert result.exit_code == ExitCode.INVALID, result.output
    assert "holds a key for http://localhost:" in result.stderr
    assert f"but this job runs on http://127.0.0.1:{site.port}; refusing to use it" in (
        result.stderr
    )
    assert site.requests == []
    assert_secrets_hidden(result.output)


ExpectError = Callable[[Mapping[str, str | None], int, str], None]


def current_user(args: GearArgs) -> int:
    args.client.get_current_user()
    return 0


@pytest.fixture
def expect_error(
    gear_dir_factory: GearDirFactory,
    site: AuthLoggingStandIn,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> ExpectError:
    """`expect_error(env, code, message)`: run the bot-key gear in this process (fast) with
    `env` (a None value removes the variable); expect `code` and one error line with `message`.
    """
    gear_dir = bot_gear(gear_dir_factory, site)

    def expect(env: Mapping[str, str | None], code: int, message: str) -> None:
        for name, value in env.items():
            if value is None:
                monkeypatch.delenv(name, raising=False)
            else:
                monkeypatch.setenv(name, value)
        assert execute_gear(current_user, gear_dir.path) == code
        output = capsys.readouterr()
        errors = [line for line in output.err.splitlines() if "ERROR" in line]
        assert len(errors) == 1, output.err
        assert message in errors[0]
        assert "Traceback" not in output.out + output.err
        assert_secrets_hidden(output.out + output.err)

    return expect


@pytest.mark.parametrize(
    "bot_key",
    [
        "127.0.0.1:{other}:__force_insecure:" + BOT_SECRET,  # other port
        "127.0.0.1:{port}:" + BOT_SECRET,  # https instead of http
        "127.0.0.10:{port}:__force_insecure:" + BOT_SECRET,  # the host as a prefix
    ],
)
def test_bot_key_for_another_port_or_scheme_is_refused(
    expect_error: ExpectError,
    site: AuthLoggingStandIn,
    moto_ssm: MotoSsm,
    closed_port: int,
    bot_key: str,
) -> None:
    moto_ssm.put_bot_key(PREFIX, bot_key.format(port=site.port, other=closed_port))
    expect_error({}, 2, "refusing to use it")
    assert site.requests == []


def test_missing_parameter_exits_2(
    expect_error: ExpectError, site: AuthLoggingStandIn, moto_ssm: MotoSsm
) -> None:
    expect_error(moto_ssm.env, 2, f"SSM parameter '{PREFIX}/apikey' does not exist")
    assert site.requests == []


def test_access_denied_exits_2(
    expect_error: ExpectError, site: AuthLoggingStandIn, moto_ssm: MotoSsm
) -> None:
    moto_ssm.put_bot_key(PREFIX, site.api_key(BOT_SECRET))
    expect_error(moto_ssm.denied_env("ssm:GetParameter"), 2, "AWS denied reading SSM parameter")
    assert site.requests == []


def test_unreachable_ssm_exits_1(
    expect_error: ExpectError, site: AuthLoggingStandIn, moto_ssm: MotoSsm, closed_port: int
) -> None:
    endpoint = {"AWS_ENDPOINT_URL_SSM": f"http://127.0.0.1:{closed_port}"}
    expect_error({**moto_ssm.env, **endpoint}, 1, "AWS SSM is unreachable")
    assert site.requests == []


def test_no_aws_credentials_exits_2(
    expect_error: ExpectError, site: AuthLoggingStandIn, moto_ssm: MotoSsm
) -> None:
    no_credentials = {"AWS_ACCESS_KEY_ID": None, "AWS_SECRET_ACCESS_KEY": None}
    expect_error({**moto_ssm.env, **no_credentials}, 2, "no AWS credentials")
    assert site.requests == []


def test_malformed_bot_key_exits_2(
    expect_error: ExpectError, site: AuthLoggingStandIn, moto_ssm: MotoSsm
) -> None:
    moto_ssm.put_bot_key(PREFIX, BOT_SECRET)
    expect_error(moto_ssm.env, 2, "does not hold a Flywheel API key")
    assert site.requests == []


def test_bot_key_rejected_by_flywheel_exits_2(
    expect_error: ExpectError, site: AuthLoggingStandIn, moto_ssm: MotoSsm
) -> None:
    site.load({"keys": [USER_SECRET]})
    moto_ssm.put_bot_key(PREFIX, site.api_key(BOT_SECRET))
    expect_error(moto_ssm.env, 2, "gear bot key: Flywheel at http://127.0.0.1")
    assert [(m, p) for m, p, _ in site.authorizations] == [
        ("GET", "/api/auth/status"),
        ("GET", "/api/auth/status"),
    ]


def test_empty_prefix_uses_the_job_key(
    gear_dir_factory: GearDirFactory, site: AuthLoggingStandIn, moto_ssm: MotoSsm
) -> None:
    moto_ssm.put_bot_key(PREFIX, site.api_key(BOT_SECRET))
    gear_dir = gear_dir_factory(
        MANIFEST,
        {"apikey_path_prefix": ""},
        files={"project_file": ("p.yaml", "a: 1")},
        api_key=site.api_key(USER_SECRET),
    )
    result = run_gear_process(gear_dir, SAMPLE_GEARS, ["report"], env=moto_ssm.env)
    assert result.exit_code == 0, result.output
    assert {auth for _, _, auth in site.authorizations} == {f"scitran-user {USER_SECRET}"}
