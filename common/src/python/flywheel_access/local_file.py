"""A file on this machine to upload: its name, size and hash in Flywheel's form."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flywheel_ids import file_hash_of


@dataclass(frozen=True)
class LocalFile:
    """What `FlywheelAccess.ensure_file` compares with a container's file, and uploads."""

    path: Path
    name: str
    size: int
    hash: str

    @classmethod
    def read(cls, path: Path, *, name: str | None = None) -> LocalFile:
        """Size and hash of the file at `path` (read in chunks), uploaded as `name`."""
        return cls(
            path=path, name=name or path.name, size=path.stat().st_size, hash=file_hash_of(path)
        )

    def payload(self) -> dict[str, str | int]:
        """What an upload's plan record shows of it."""
        return {
            "file": self.name,
            "size": self.size,
            "hash": self.hash,
            "local_path": str(self.path),
        }
