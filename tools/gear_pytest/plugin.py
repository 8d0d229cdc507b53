"""The pytest plugin every test loads with `-p gear_pytest.plugin`: shared fixtures.

Fixtures live in one module per concern and are re-exported here.
"""

import os

# flywheel-sdk reads these at import time (flywheel/rest.py): no retries, no backoff and short
# timeouts, so a test against a dead or faulty server fails in seconds, not minutes.
os.environ.setdefault("FLYWHEEL_SDK_TOTAL_RETRIES", "0")
os.environ.setdefault("FLYWHEEL_SDK_CONNECT_TIMEOUT", "2")
os.environ.setdefault("FLYWHEEL_SDK_REQUEST_TIMEOUT", "10")
os.environ.setdefault("FLYWHEEL_SDK_BACKOFF_FACTOR", "0")

from gear_pytest.fixtures_standin import fw_client, standin, standin_factory

__all__ = ["fw_client", "standin", "standin_factory"]

from gear_pytest.fixtures_aws import moto_server, moto_ssm
from gear_pytest.fixtures_gear import gear_dir_factory

__all__ += ["gear_dir_factory", "moto_server", "moto_ssm"]
