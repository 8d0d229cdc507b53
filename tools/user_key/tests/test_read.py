"""The user's key: file, then $FW_API_KEY, then Flywheel's CLI login; errors never show it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from user_key import UserKeyError, login_file, read_user_key


def test_file_then_environment_then_cli_login(tmp_path: Path) -> None:
    key_file = tmp_path / "key"
    key_file.write_text("  host:file-secret\n")
    login = tmp_path / ".config/flywheel/user.json"
    login.parent.mkdir(parents=True)
    login.write_text(json.dumps({"key": "host:login-secret", "email": "a@b.org"}))
    home = {"HOME": str(tmp_path)}
    assert login_file(home) == login
    assert read_user_key(key_file, {**home, "FW_API_KEY": "host:env-secret"}) == "host:file-secret"
    key_file.write_bytes(b"\xef\xbb\xbfhost:file-secret\r\n")  # a BOM and CRLF from Notepad
    assert read_user_key(key_file, {}) == "host:file-secret"
    assert read_user_key(None, {**home, "FW_API_KEY": "host:env-secret"}) == "host:env-secret"
    assert read_user_key(None, home) == "host:login-secret"
    with pytest.raises(UserKeyError, match=r"needs a Flywheel API key.*user\.json\), or else$"):
        read_user_key(None, {"HOME": str(tmp_path / "nobody")}, other_ways=", or else")
    with pytest.raises(UserKeyError, match="No such file"):
        read_user_key(tmp_path / "absent", home)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty or only whitespace; it must hold the Flywheel API key"),
        (b" \n\t\n", "empty or only whitespace; it must hold the Flywheel API key"),
        (b"host:sec ret\n", "holds more than one word; it must hold the API key alone"),
        (b"host:secret\nhost:other\n", "holds more than one word; it must hold the API key"),
        (b"host:\xffsecret\xfe\n", "not UTF-8 text"),
    ],
)
def test_a_bad_key_file_is_one_line_without_its_content(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    key_file = tmp_path / "key"
    key_file.write_bytes(content)
    with pytest.raises(UserKeyError) as raised:
        read_user_key(key_file, {"FW_API_KEY": "h:ignored"})
    message = str(raised.value)
    assert message.startswith(f"--api-key-file {key_file}: {problem}")
    assert "\n" not in message and "secret" not in message and "other" not in message


def test_a_blank_or_split_key_in_the_environment_is_named_not_shown() -> None:
    with pytest.raises(UserKeyError, match=r"^\$FW_API_KEY: empty or only whitespace"):
        read_user_key(None, {"FW_API_KEY": "   "})
    with pytest.raises(UserKeyError, match=r"^\$FW_API_KEY: holds more than one word") as raised:
        read_user_key(None, {"FW_API_KEY": "h:env secret"})
    assert "secret" not in str(raised.value)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{", "not JSON"),
        ('{"email": "a@b.org"}', 'no "key" string'),
        ('["host:secret"]', 'no "key" string'),
        ('{"key": "host:sec ret"}', "key: holds more than one word"),
    ],
)
def test_a_bad_cli_login_file_is_named_not_shown(
    tmp_path: Path, content: str, problem: str
) -> None:
    login = tmp_path / ".config/flywheel/user.json"
    login.parent.mkdir(parents=True)
    login.write_text(content)
    with pytest.raises(UserKeyError) as raised:
        read_user_key(None, {"HOME": str(tmp_path)})
    assert str(raised.value).startswith(f"{login}")
    assert problem in str(raised.value)
    assert "secret" not in str(raised.value) and "ret" not in str(raised.value).split(":")[-1]
