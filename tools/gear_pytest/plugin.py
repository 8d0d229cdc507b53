"""The pytest plugin every test loads with `-p gear_pytest.plugin`: shared fixtures.

Fixtures live in one module per concern and are re-exported here. fixtures_standin is
imported first: it sets flywheel-sdk's retry variables (`SDK_TEST_ENV`: no retries, no backoff,
short timeouts) before anything imports flywheel, which reads them at import time, so a test
against a dead or faulty server fails in seconds, not minutes.
"""

from gear_pytest.fixtures_standin import fw_client, standin, standin_factory

__all__ = ["fw_client", "standin", "standin_factory"]

from gear_pytest.fixtures_aws import moto_server, moto_ssm
from gear_pytest.fixtures_gear import gear_dir_factory
from gear_pytest.fixtures_registry import oci_registry_factory

__all__ += ["gear_dir_factory", "moto_server", "moto_ssm", "oci_registry_factory"]
