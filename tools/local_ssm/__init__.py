"""A local AWS SSM Parameter Store for the gear bot key: moto in server mode on 127.0.0.1.

The test fixtures (`gear_pytest.fixtures_aws`) and `./dev run GEAR --standin --gear-bot` start
it the same way and point boto3 at it with the same environment: fake credentials, a region,
`AWS_ENDPOINT_URL_SSM`, and nothing that would let boto3 find real credentials or config.
"""

from __future__ import annotations

import logging
import urllib.request
from collections.abc import Mapping
from types import TracebackType
from typing import Any

import boto3
from moto.server import ThreadedMotoServer

from gear_keys import bot_key_parameter

REGION = "us-east-1"
FAKE_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}
# Variables that would make boto3 find credentials or config outside our control.
ISOLATING_ENV = {
    "AWS_EC2_METADATA_DISABLED": "true",
    "AWS_CONFIG_FILE": "/dev/null",
    "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
}
UNSET_ENV = ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_ENDPOINT_URL")


def ssm_env(endpoint_url: str) -> dict[str, str]:
    """The AWS variables that point boto3 (in this process or a child) at `endpoint_url`."""
    return {
        **FAKE_CREDENTIALS,
        **ISOLATING_ENV,
        "AWS_DEFAULT_REGION": REGION,
        "AWS_ENDPOINT_URL_SSM": endpoint_url,
    }


def isolated_environ(base: Mapping[str, str], endpoint_url: str) -> dict[str, str]:
    """`base` without the variables in UNSET_ENV, plus `ssm_env(endpoint_url)`."""
    env = {name: value for name, value in base.items() if name not in UNSET_ENV}
    return env | ssm_env(endpoint_url)


def post(url: str, body: bytes) -> None:
    """POST `body` to one of moto's control endpoints (`/moto-api/reset`, ...)."""
    request = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": "text/plain"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        response.read()


def ssm_client(endpoint_url: str) -> Any:
    """A boto3 SSM client on `endpoint_url` (fake credentials, whatever the environment)."""
    return boto3.client(
        "ssm",
        endpoint_url=endpoint_url,
        region_name=REGION,
        aws_access_key_id=FAKE_CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=FAKE_CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
    )


def put_bot_key(client: Any, prefix: str, key: str) -> str:
    """Store `key` as SecureString `<prefix>/apikey` through `client`; the parameter name."""
    name = bot_key_parameter(prefix)
    client.put_parameter(Name=name, Value=key, Type="SecureString", Overwrite=True)
    return name


class LocalSsm:
    """A moto server on 127.0.0.1 (a free port) while the `with` block runs."""

    def __init__(self) -> None:
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
        self._server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        self.url = ""

    def start(self) -> LocalSsm:
        """Start the server; `url` is its address."""
        self._server.start()
        host, port = self._server.get_host_and_port()
        self.url = f"http://{host}:{port}"
        return self

    def stop(self) -> None:
        """Stop the server."""
        self._server.stop()

    def __enter__(self) -> LocalSsm:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()

    def put_bot_key(self, prefix: str, key: str) -> str:
        """Store `key` as SecureString `<prefix>/apikey`; return the parameter name."""
        return put_bot_key(ssm_client(self.url), prefix, key)
