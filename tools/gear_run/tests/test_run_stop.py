"""`./dev run`'s pieces for stopping: run claims, signal forwarding, a lossy output."""

from __future__ import annotations

import io
import os
import signal
import subprocess
from pathlib import Path

import pytest

from gear_run.claims import CLAIM_NAME, RunClaim, remove_stale_keys
from gear_run.output import LossyOutput
from gear_run.signals import FORWARDED_SIGNALS, forwarded_signals


def run_folder(runs: Path, name: str, *, keep: bool | None) -> Path:
    """A run folder with config.json; a released claim saying `keep`, or none (None)."""
    folder = runs / name
    folder.mkdir(parents=True)
    (folder / "config.json").write_text("{}")
    if keep is not None:
        RunClaim(folder, keep=keep).release()
    return folder


def test_stale_keys_of_ended_runs_are_removed_but_not_kept_running_or_unclaimed(
    tmp_path: Path,
) -> None:
    ended = run_folder(tmp_path, "ended", keep=False)
    kept = run_folder(tmp_path, "kept", keep=True)
    unclaimed = run_folder(tmp_path, "unclaimed", keep=None)
    running = tmp_path / "running"
    running.mkdir()
    claim = RunClaim(running, keep=False)  # held, as by a run still going
    (running / "config.json").write_text("{}")
    try:
        assert remove_stale_keys(tmp_path) == [ended / "config.json"]
    finally:
        claim.release()
    assert not (ended / "config.json").exists()
    assert (kept / "config.json").exists() and (unclaimed / "config.json").exists()
    assert (running / "config.json").exists()
    assert remove_stale_keys(tmp_path) == [running / "config.json"]  # its run has ended now
    assert (running / CLAIM_NAME).stat().st_mode & 0o777 == 0o600


def test_a_claim_with_unreadable_content_does_not_keep_the_key(tmp_path: Path) -> None:
    folder = run_folder(tmp_path, "broken", keep=None)
    (folder / CLAIM_NAME).write_text("not json")
    assert remove_stale_keys(tmp_path) == [folder / "config.json"]


def test_a_missing_runs_root_has_nothing_stale(tmp_path: Path) -> None:
    assert remove_stale_keys(tmp_path / "absent") == []


@pytest.mark.parametrize("signum", FORWARDED_SIGNALS, ids=lambda s: s.name)
def test_a_signal_before_the_child_starts_is_sent_when_it_does(signum: signal.Signals) -> None:
    before = signal.getsignal(signum)
    with forwarded_signals() as forwarder:
        os.kill(os.getpid(), signum)  # delivered to this thread before kill returns
        assert forwarder.first is signum and forwarder.exit_code == 128 + signum
        child = subprocess.Popen(["sleep", "600"])  # killed by any of the three
        forwarder.attach(child)
        assert child.wait(timeout=60) == -signum
    assert signal.getsignal(signum) is before
    assert forwarder.describe() == f"stopped by {signum.name}"


class Broken(io.StringIO):
    def write(self, text: str, /) -> int:
        raise OSError(5, "Input/output error")


def test_lossy_output_drops_lines_after_the_terminal_is_gone() -> None:
    out = LossyOutput(Broken())
    print("a line", file=out)
    out.flush()
    assert out.broken
    kept = io.StringIO()
    fine = LossyOutput(kept)
    print("a line", file=fine, flush=True)
    assert kept.getvalue() == "a line\n" and not fine.broken
