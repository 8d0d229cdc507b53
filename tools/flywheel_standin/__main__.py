"""Run the stand-in: `python -m flywheel_standin --port PORT [--seed FILE] [--dump FILE]`."""

import sys

from flywheel_standin.cli import main

if __name__ == "__main__":
    sys.exit(main())
