"""Run `./dev` (python -m dev_cli) with the repository's import roots on the path."""

import sys

from dev_cli.repo import repo_root
from gear_layout import use_python_roots

use_python_roots(repo_root())

from dev_cli.main import main  # noqa: E402  (the commands import from those roots)

sys.exit(main(sys.argv[1:]))
