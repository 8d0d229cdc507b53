"""The user's Flywheel API key for local tools (`./dev run`, `./dev upload`), never shown."""

from user_key.read import KEY_ENV, UserKeyError, login_file, read_user_key

__all__ = ["KEY_ENV", "UserKeyError", "login_file", "read_user_key"]
