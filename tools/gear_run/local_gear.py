"""The facts about a gear that a local run needs (given by the caller, e.g. `./dev run`).

gear_run does not find gears itself: `dev_cli.cmd_run.local_gear` builds this from
`gear_layout.resolve_gear` and `gear_layout.python_roots`, the one source of those facts,
and takes the interpreter and import roots from `gear_run.gear_interpreter`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from manifest_rules import read_manifest


@dataclass(frozen=True)
class LocalGear:
    """A gear's name, manifest, run.py, example data, import roots and interpreter."""

    name: str
    manifest_path: Path
    run_script: Path
    data_dir: Path
    import_roots: tuple[Path, ...]
    python: Path

    @property
    def manifest(self) -> dict[str, Any]:
        """The manifest, read now; ManifestUnreadable (one line) if it is not a JSON object."""
        return read_manifest(self.manifest_path)
