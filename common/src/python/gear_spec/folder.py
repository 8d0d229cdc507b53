"""The layout of a gear folder: /flywheel/v0 in the image, $FLYWHEEL anywhere else."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

GEAR_DIR_ENV = "FLYWHEEL"
DEFAULT_GEAR_DIR = Path("/flywheel/v0")


def gear_dir_from_env(environ: Mapping[str, str] = os.environ) -> Path:
    """The gear folder: $FLYWHEEL, or /flywheel/v0."""
    return Path(environ.get(GEAR_DIR_ENV) or DEFAULT_GEAR_DIR)


@dataclass(frozen=True)
class GearPaths:
    """The files and folders of one gear run."""

    gear_dir: Path

    @property
    def manifest(self) -> Path:
        """manifest.json."""
        return self.gear_dir / "manifest.json"

    @property
    def config(self) -> Path:
        """config.json (holds the API key)."""
        return self.gear_dir / "config.json"

    @property
    def input_dir(self) -> Path:
        """input/, one folder per file input."""
        return self.gear_dir / "input"

    @property
    def output_dir(self) -> Path:
        """output/: what Flywheel saves after the run."""
        return self.gear_dir / "output"

    @property
    def work_dir(self) -> Path:
        """work/: scratch space."""
        return self.gear_dir / "work"

    def input_file(self, name: str, file_name: str) -> Path:
        """Where file input `name` puts its file: input/<name>/<file name>."""
        return self.input_dir / name / file_name

    def make_folders(self) -> None:
        """Create input/, output/ and work/ (and the gear folder), if missing."""
        for folder in (self.input_dir, self.output_dir, self.work_dir):
            folder.mkdir(parents=True, exist_ok=True)
