"""The plugin every test loads: an empty secret registry per test, a time limit, closed ports."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from gear_runner.masking import SECRETS, SecretRegistry

SECRET = "plugin-test-secret-0c41"


def run_pytest(tmp_path: Path, test_text: str, *args: str) -> subprocess.CompletedProcess[str]:
    """pytest on one test file in a child process, with the plugin, as `./dev test` loads it."""
    test_file = tmp_path / "test_inner.py"
    test_file.write_text(test_text)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    env.pop("COV_CORE_SOURCE", None)
    argv = [sys.executable, "-m", "pytest", "-p", "gear_pytest.plugin", "-p", "no:cacheprovider"]
    return subprocess.run(
        [*argv, "--import-mode=importlib", "-q", *args, str(test_file)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_the_registry_is_empty_when_a_test_starts(fresh_secrets: SecretRegistry) -> None:
    assert fresh_secrets is SECRETS
    assert SECRETS.mask(SECRET) == SECRET  # nothing registered yet


def test_each_test_starts_with_no_secrets_and_a_time_limit(tmp_path: Path) -> None:
    inner = f"""
from gear_runner.masking import SECRETS

def test_registers():
    SECRETS.add("{SECRET}")
    assert SECRETS.mask("{SECRET}") == "***"

def test_starts_afresh():
    assert SECRETS.mask("{SECRET}") == "{SECRET}"

def test_limit(request):
    assert request.config.getoption("timeout") == 60.0
"""
    result = run_pytest(tmp_path, inner)
    assert result.returncode == 0, result.stdout
    assert "3 passed" in result.stdout


def test_a_hang_fails_with_its_stack(tmp_path: Path) -> None:
    inner = """
import threading

def test_hangs():
    threading.Event().wait()
"""
    result = run_pytest(tmp_path, inner, "--timeout=1")
    assert result.returncode == 1, result.stdout
    assert "Failed: Timeout (>1.0s) from pytest-timeout" in result.stdout
    assert "threading.Event().wait()" in result.stdout  # the hanging line, in the stack


def test_closed_port_refuses_connections_all_test_long(closed_port: int) -> None:
    for _ in range(2):
        with socket.socket() as client, pytest.raises(ConnectionRefusedError):
            client.connect(("127.0.0.1", closed_port))
    with socket.socket() as other, pytest.raises(OSError, match="Address already in use"):
        other.bind(("127.0.0.1", closed_port))  # held: no other server can take it


def test_a_skip_must_say_why(tmp_path: Path) -> None:
    inner = """
import pytest

def test_silent():
    pytest.skip()

def test_says_why():
    pytest.skip("no network here")

@pytest.mark.skip
def test_marked():
    pass
"""
    result = run_pytest(tmp_path, inner, "-rs")
    assert result.returncode == 1, result.stdout
    assert "test_inner.py::test_silent: skipped without a reason" in result.stdout
    assert "SKIPPED [1] test_inner.py:8: no network here" in result.stdout
    assert "unconditional skip" in result.stdout  # pytest's own reason for a bare mark
    assert "1 failed, 2 skipped" in result.stdout
