"""Where each `./dev run` puts its gear folder, and what of it stays after the run.

Every run gets a new folder `<runs_root>/<gear>-<YYYYMMDD-HHMMSS>` (`-2`, `-3`, ... when that
second is taken), private to the user (mode 0700). The folder stays after the run, whatever
its exit code, so output/ and work/ can be read; only config.json, which holds the API key,
is removed, unless the caller keeps it (`--keep`), and then it stays with mode 0600.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from gear_run.errors import RunError

RUN_FOLDER_MODE = 0o700
STAMP_FORMAT = "%Y%m%d-%H%M%S"


def new_run_folder(runs_root: Path, gear_name: str, now: datetime | None = None) -> Path:
    """Create and return a new, empty run folder for `gear_name` under `runs_root`."""
    stamp = (now or datetime.now()).strftime(STAMP_FORMAT)
    try:
        runs_root.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise RunError(f"cannot create the runs folder {runs_root}: {error.strerror}") from None
    attempt = 1
    while True:
        suffix = "" if attempt == 1 else f"-{attempt}"
        folder = runs_root / f"{gear_name}-{stamp}{suffix}"
        try:
            folder.mkdir(mode=RUN_FOLDER_MODE)
        except FileExistsError:
            attempt += 1
            continue
        except OSError as error:
            raise RunError(f"cannot create the run folder {folder}: {error.strerror}") from None
        return folder


def kept_notice(folder: Path, config_kept: bool) -> str:
    """The last line of a run: where its folder is, and what became of config.json."""
    if config_kept:
        return (
            f"run folder kept: {folder} (config.json too, by --keep, mode 0600:"
            " it holds the API key; delete it when done)"
        )
    return f"run folder kept: {folder} (config.json removed: it held the API key; --keep keeps it)"
