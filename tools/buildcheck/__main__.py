"""Run the offline build check: `python -m buildcheck --root .`."""

import sys

from buildcheck.cli import main

sys.exit(main())
