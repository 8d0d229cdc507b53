"""`python -m workflow_check [--root DIR]`: check the workflows and actions under .github/."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workflow_check.check import check_repository, workflow_files


def main() -> int:
    """Print every problem; 0 when there is none."""
    parser = argparse.ArgumentParser(prog="workflow_check", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="repository root")
    root = parser.parse_args().root
    problems = check_repository(root)
    for line in problems:
        print(line, file=sys.stderr)
    print(f"workflow check: {len(workflow_files(root))} file(s), {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
