"""AWS fixtures: a moto server (SSM, IAM) on 127.0.0.1 for boto3 clients and gear subprocesses.

One server (`local_ssm.LocalSsm`, as `./dev run --gear-bot` starts it) runs for the whole
session (moto's state is process-wide anyway); `moto_ssm` resets that state before each test
and points this process's AWS environment at it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import boto3
import pytest

from local_ssm import (
    FAKE_CREDENTIALS,
    REGION,
    UNSET_ENV,
    LocalSsm,
    post,
    put_bot_key,
    ssm_client,
    ssm_env,
)


@dataclass
class MotoSsm:
    """A boto3 SSM client on the moto server, its URL, and the env a subprocess needs."""

    client: Any  # boto3 SSM client
    endpoint_url: str
    env: dict[str, str]
    region: str = REGION

    def put_bot_key(self, prefix: str, key: str) -> str:
        """Store `key` as SecureString `<prefix>/apikey`; return the parameter name."""
        return put_bot_key(self.client, prefix, key)

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
        post(f"{self.endpoint_url}/moto-api/reset-auth", b"0")
        return {
            **self.env,
            "AWS_ACCESS_KEY_ID": access["AccessKeyId"],
            "AWS_SECRET_ACCESS_KEY": access["SecretAccessKey"],
        }


@pytest.fixture(scope="session")
def moto_server() -> Iterator[str]:
    """The URL of a moto server on 127.0.0.1 (a free port), for the whole session."""
    with LocalSsm() as server:
        yield server.url


@pytest.fixture
def moto_ssm(moto_server: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[MotoSsm]:
    """An empty moto SSM; this process's AWS env points at it (fake credentials, region)."""
    post(f"{moto_server}/moto-api/reset", b"")
    env = ssm_env(moto_server)
    for name in UNSET_ENV:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    yield MotoSsm(client=ssm_client(moto_server), endpoint_url=moto_server, env=env)
    post(f"{moto_server}/moto-api/reset-auth", b"inf")
