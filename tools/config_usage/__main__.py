"""Run the config usage check: python -m config_usage (Bazel: //tools/config_usage:check_usage)."""

import sys

from config_usage.cli import main

sys.exit(main())
