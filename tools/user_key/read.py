"""Where a local tool finds the user's key: a file, $FW_API_KEY, or Flywheel's CLI login.

In that order: `--api-key-file FILE` (the key alone, one line), the FW_API_KEY variable, and
the file Flywheel's CLI writes at login, `~/.config/flywheel/user.json` (`{"key": ...}`).
Every error is one line that names the source and never contains the key.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

KEY_ENV = "FW_API_KEY"
LOGIN_FILE = Path(".config/flywheel/user.json")  # under $HOME, as Flywheel's CLI keeps it


class UserKeyError(Exception):
    """No usable key; the message names where it looked, never the key."""


def checked_key(text: str, where: str) -> str:
    """`text` stripped, when it is one API key; UserKeyError naming `where` (never the text)."""
    key = text.strip()
    if not key:
        raise UserKeyError(f"{where}: empty or only whitespace; it must hold the Flywheel API key")
    if any(character.isspace() for character in key):
        raise UserKeyError(
            f"{where}: holds more than one word; it must hold the API key alone, on one line"
        )
    return key


def login_file(environ: Mapping[str, str]) -> Path | None:
    """Flywheel's CLI login file under $HOME, or None without a HOME."""
    home = environ.get("HOME")
    return Path(home) / LOGIN_FILE if home else None


def _read_text(path: Path, where: str) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise UserKeyError(f"{where}: not UTF-8 text") from None
    except OSError as error:
        raise UserKeyError(f"{where}: {error.strerror or 'cannot be read'}") from None


def _key_from_login(path: Path) -> str:
    where = str(path)
    try:
        data = json.loads(_read_text(path, where))
    except json.JSONDecodeError as error:
        raise UserKeyError(f"{where}: not JSON ({error.msg}, line {error.lineno})") from None
    key = data.get("key") if isinstance(data, dict) else None
    if not isinstance(key, str):
        raise UserKeyError(f'{where}: no "key" string (log in again with Flywheel\'s CLI)')
    return checked_key(key, f"{where} key")


def read_user_key(
    api_key_file: Path | None, environ: Mapping[str, str], *, other_ways: str = ""
) -> str:
    """The key from the file, else $FW_API_KEY, else the CLI login file; UserKeyError if none.

    `other_ways` is appended to the "no key" message (e.g. ", or use --standin").
    """
    if api_key_file is not None:
        where = f"--api-key-file {api_key_file}"
        return checked_key(_read_text(api_key_file, where), where)
    if KEY_ENV in environ:
        return checked_key(environ[KEY_ENV], f"${KEY_ENV}")
    login = login_file(environ)
    if login is not None and login.is_file():
        return _key_from_login(login)
    raise UserKeyError(
        f"needs a Flywheel API key: give --api-key-file FILE, set {KEY_ENV}, or log in with"
        f" Flywheel's CLI (~/{LOGIN_FILE}){other_ways}"
    )
