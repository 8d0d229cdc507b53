"""AWS fixtures: a moto server (SSM, IAM) on 127.0.0.1 for boto3 clients and gear subprocesses.

One server runs for the whole session (moto's state is process-wide anyway); `moto_ssm`
resets that state before each test and points this process's AWS environment at it.
"""

from __future__ import annotations

import json
import logging
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import boto3
import pytest
from moto.server import ThreadedMotoServer

from gear_keys import bot_key_parameter

REGION = "us-east-1"
FAKE_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}
# Variables that would make boto3 find credentials or config outside the test's control.
ISOLATING_ENV = {
    "AWS_EC2_METADATA_DISABLED": "true",
    "AWS_CONFIG_FILE": "/dev/null",
    "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
}
UNSET_ENV = ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_ENDPOINT_URL")


def _post(url: str, body: bytes) -> None:
    request = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": "text/plain"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        response.read()


@dataclass
class MotoSsm:
    """A boto3 SSM client on the moto server, its URL, and the env a subprocess needs."""

    client: Any  # boto3 SSM client
    endpoint_url: str
    env: dict[str, str]
    region: str = REGION

    def put_bot_key(self, prefix: str, key: str) -> str:
        """Store `key` as SecureString `<prefix>/apikey`; return the parameter name."""
        name = bot_key_parameter(prefix)
        self.client.put_parameter(Name=name, Value=key, Type="SecureString", Overwrite=True)
        return name

    def denied_env(self, action: str = "ssm:GetParameter") -> dict[str, str]:
        """Env of an IAM user denied `action`; IAM checks are on until the test ends."""
        iam = boto3.client(
            "iam",
            endpoint_url=self.endpoint_url,
            region_name=self.region,
            aws_access_key_id=FAKE_CREDENTIALS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=FAKE_CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
        )
        iam.create_user(UserName="gear-job")
        policy = {
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Deny", "Action": action, "Resource": "*"}],
        }
        iam.put_user_policy(
            UserName="gear-job", PolicyName="deny", PolicyDocument=json.dumps(policy)
        )
        access = iam.create_access_key(UserName="gear-job")["AccessKey"]
        _post(f"{self.endpoint_url}/moto-api/reset-auth", b"0")
        return {
            **self.env,
            "AWS_ACCESS_KEY_ID": access["AccessKeyId"],
            "AWS_SECRET_ACCESS_KEY": access["SecretAccessKey"],
        }


@pytest.fixture(scope="session")
def moto_server() -> Iterator[str]:
    """The URL of a moto server on 127.0.0.1 (a free port), for the whole session."""
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def moto_ssm(moto_server: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[MotoSsm]:
    """An empty moto SSM; this process's AWS env points at it (fake credentials, region)."""
    _post(f"{moto_server}/moto-api/reset", b"")
    env = {
        **FAKE_CREDENTIALS,
        **ISOLATING_ENV,
        "AWS_DEFAULT_REGION": REGION,
        "AWS_ENDPOINT_URL_SSM": moto_server,
    }
    for name in UNSET_ENV:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    client = boto3.client(
        "ssm",
        endpoint_url=moto_server,
        region_name=REGION,
        aws_access_key_id=FAKE_CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=FAKE_CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
    )
    yield MotoSsm(client=client, endpoint_url=moto_server, env=env)
    _post(f"{moto_server}/moto-api/reset-auth", b"inf")
