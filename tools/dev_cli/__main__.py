"""Run `./dev` (python -m dev_cli)."""

import sys

from dev_cli.main import main

sys.exit(main(sys.argv[1:]))
