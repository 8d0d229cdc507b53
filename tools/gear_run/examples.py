"""Where `--example` and `--standin` find a gear's example files, in its data/ folder.

- Inputs: for every file input of the manifest, the one file in data/ whose name without its
  extension is the input's name, with `_` and `-` interchangeable (input `project_file` ->
  `data/project-file.yaml`). A gear without such a file for an input just does not get it.
- Stand-in seed: `data/standin-seed.yaml`, when present.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from gear_spec import input_names

SEED_NAME = "standin-seed.yaml"


def _stem_key(name: str) -> str:
    return name.replace("_", "-")


def example_inputs(manifest: Mapping[str, Any], data_dir: Path) -> dict[str, Path]:
    """Input name -> example file in `data_dir`, for the file inputs that have one."""
    if not data_dir.is_dir():
        return {}
    files = [path for path in sorted(data_dir.iterdir()) if path.is_file()]
    found: dict[str, Path] = {}
    for name in input_names(manifest, "file"):
        matches = [path for path in files if _stem_key(path.stem) == _stem_key(name)]
        if matches:
            found[name] = matches[0]
    return found


def example_seed(data_dir: Path) -> Path | None:
    """The gear's stand-in seed, if it has one."""
    seed = data_dir / SEED_NAME
    return seed if seed.is_file() else None
