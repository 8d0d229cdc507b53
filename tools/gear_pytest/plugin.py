"""The pytest plugin every test loads with `-p gear_pytest.plugin`: shared fixtures and limits.

Fixtures live in one module per concern and are re-exported here. fixtures_standin is
imported first: it sets flywheel-sdk's retry variables (`SDK_TEST_ENV`: no retries, no backoff,
short timeouts) before anything imports flywheel, which reads them at import time, so a test
against a dead or faulty server fails in seconds, not minutes. Every test also gets a time
limit (timeouts) and an empty secret registry (fixtures_secrets), and a skip must say why
(skips).
"""

from gear_pytest.fixtures_standin import (
    fw_client,
    session_standin,
    shared_standin,
    standin,
    standin_factory,
)

__all__ = ["fw_client", "session_standin", "shared_standin", "standin", "standin_factory"]

from gear_pytest.fixtures_aws import moto_server, moto_ssm
from gear_pytest.fixtures_gear import gear_dir_factory
from gear_pytest.fixtures_registry import oci_registry_factory
from gear_pytest.fixtures_secrets import fresh_secrets
from gear_pytest.ports import closed_port
from gear_pytest.skips import pytest_runtest_makereport
from gear_pytest.timeouts import pytest_configure

__all__ += [
    "closed_port",
    "fresh_secrets",
    "gear_dir_factory",
    "moto_server",
    "moto_ssm",
    "oci_registry_factory",
    "pytest_configure",
    "pytest_runtest_makereport",
]
