"""Run the manifest check: python -m manifest_check (Bazel: //tools/manifest_check:check_manifest)."""

import sys

from manifest_check.cli import main

sys.exit(main())
