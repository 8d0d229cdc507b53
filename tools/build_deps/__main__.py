"""`python -m build_deps [--root DIR] [--fix] [PATH...]`."""

import sys

from build_deps.cli import main

sys.exit(main())
