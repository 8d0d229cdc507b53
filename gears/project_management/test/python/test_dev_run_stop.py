"""Cancellation through the real `./dev run` process against one `./dev standin` process.

The stand-in holds the gear's third write (`--hold-write 3`) so the run is mid-write when the
signal comes; the hold is let go only once the gear has logged that it got the signal. Then:
exit 128+N, at most that one write after the signal, a report saying interrupted, no file
under the run folder holding the key, no gear process left.
"""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from dev_cli.repo import repo_root
from gear_report import report_name
from gear_stop import STOP_SIGNALS, signal_name

GEAR_ROOT = Path(__file__).parent.parent.parent
SEED = GEAR_ROOT / "data" / "standin-seed.yaml"
SECRET = "stop-test-secret-0123456789"
HELD_WRITE = 3
WAIT = 120.0  # seconds: a guard against a hang, never what the test waits for
WRITE = re.compile(r"request: (POST|PUT|PATCH|DELETE) (?!/api/(lookup|resolve) )\S+ \d+")


class Process:
    """A `python -m dev_cli ...` child (what ./dev execs), its output read line by line."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.popen = subprocess.Popen(
            [sys.executable, "-m", "dev_cli", *argv],
            cwd=repo_root(),
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        self.lines: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.popen.stdout is not None
        for line in self.popen.stdout:
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def expect(self, pattern: str) -> re.Match[str]:
        """The first line from now on that matches `pattern`; fails if the output ends first."""
        while True:
            try:
                line = self._queue.get(timeout=WAIT)
            except queue.Empty:
                pytest.fail(f"no line matching {pattern!r} in {WAIT} s:\n" + "\n".join(self.lines))
            if line is None:
                pytest.fail(f"output ended before {pattern!r}:\n" + "\n".join(self.lines))
            self.lines.append(line)
            found = re.search(pattern, line)
            if found:
                return found

    def finish(self) -> int:
        """Wait for the process and the rest of its output; its exit code."""
        code = self.popen.wait(timeout=WAIT)
        while (line := self._queue.get(timeout=WAIT)) is not None:
            self.lines.append(line)
        return code


def child_env(runs: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    env["DEV_REPO_ROOT"] = str(repo_root())
    env["DEV_RUNS_DIR"] = str(runs)
    env.pop("FW_API_KEY", None)
    return env


def processes_in(folder: Path) -> list[int]:
    """Processes whose working directory is `folder` (the gear runs there)."""
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                if Path(os.readlink(proc / "cwd")) == folder:
                    found.append(int(proc.name))
            except OSError:
                continue
    return found


@pytest.mark.parametrize("signum", STOP_SIGNALS, ids=signal_name)
def test_a_signal_to_dev_run_mid_write_stops_the_gear_cleanly(
    signum: signal.Signals, tmp_path: Path
) -> None:
    runs = tmp_path / "runs"
    env = child_env(runs)
    standin = Process(
        ["standin", "--seed", str(SEED), "--log", "--hold-write", str(HELD_WRITE)], env
    )
    try:
        port = standin.expect(r"Flywheel stand-in at http://127\.0\.0\.1:(\d+)/api").group(1)
        key_file = tmp_path / "key"
        key_file.write_text(f"127.0.0.1:{port}:__force_insecure:{SECRET}\n")
        run = Process(
            ["run", "project_management", "--example", "--api-key-file", str(key_file)], env
        )
        try:
            standin.expect(r"^held: ")
            os.kill(run.popen.pid, signum)
            run.expect(rf"{signum.name} received: stopping")  # the gear has the signal
            os.kill(standin.popen.pid, signal.SIGUSR1)  # let the held write go on
            code = run.finish()
        finally:
            if run.popen.poll() is None:
                run.popen.kill()
    finally:
        os.kill(standin.popen.pid, signal.SIGTERM)
        standin.finish()

    output = "\n".join(run.lines)
    assert code == 128 + signum, output
    assert "Traceback" not in output
    assert f"stopped by {signum.name}" in output
    writes = [line for line in standin.lines if WRITE.fullmatch(line)]
    assert len(writes) == HELD_WRITE, standin.lines  # the held write, and none after it
    [folder] = sorted(runs.iterdir())
    report = json.loads((folder / "output" / report_name("project-management")).read_text())
    assert report["interrupted"] == signum.name
    assert report["totals"]["done"] == HELD_WRITE
    assert not (folder / "config.json").exists()
    for path in runs.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path
    assert processes_in(folder) == []


def killed_run(env: dict[str, str], *extra: str) -> Path:
    """A `./dev run` killed with SIGKILL while its gear runs (config.json written); its folder.
    The orphaned gear is killed too."""
    run = Process(["run", "project_management", "--example", "--standin", *extra], env)
    folder = Path(run.expect(r"^run folder: (.+)$").group(1))
    run.popen.kill()
    run.finish()
    for pid in processes_in(folder):
        os.kill(pid, signal.SIGKILL)
    assert (folder / "config.json").is_file()  # nothing could remove it
    return folder


def test_the_next_run_removes_the_key_a_killed_run_left_unless_kept(tmp_path: Path) -> None:
    runs = tmp_path / "runs"
    env = child_env(runs)
    kept = killed_run(env, "--keep")
    left = killed_run(env)

    run = Process(["run", "project_management", "--example", "--standin"], env)
    code = run.finish()

    output = "\n".join(run.lines)
    assert code == 0, output
    assert f"removed {left / 'config.json'}: the API key of a run that was killed" in output
    assert not (left / "config.json").exists()
    assert (kept / "config.json").is_file()  # --keep: it stays, as that run asked
    assert str(kept) not in output
