"""Run the manifest check: `python -m manifest_check` (Bazel: :check_manifest)."""

import sys

from manifest_check.cli import main

sys.exit(main())
