"""A stop signal mid-run, through the runtime and the real SDK: the write in flight finishes,
no other starts, the report says interrupted, the run exits 1 without a traceback."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pytest

from flywheel_standin import Hold
from gear_pytest.fixtures_standin import StandInFactory
from gear_report import report_name
from gear_run import config_from_manifest, example_inputs, example_seed, write_gear_folder
from gear_runner import ExitCode, execute_gear
from gear_stop import STOP, STOP_SIGNALS, signal_name
from project_app.run import main

GEAR_ROOT = Path(__file__).parent.parent.parent
MANIFEST = GEAR_ROOT / "src" / "docker" / "manifest.json"
DATA = GEAR_ROOT / "data"
HELD_WRITE = 3  # the third write is in flight when the signal comes


@pytest.mark.parametrize("signum", STOP_SIGNALS, ids=signal_name)
def test_a_signal_mid_write_stops_the_run_after_that_write(
    signum: signal.Signals,
    standin_factory: StandInFactory,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    seed = example_seed(DATA)
    assert seed is not None
    standin = standin_factory(seed)

    def signal_then_release(method: str, path: str) -> None:
        os.kill(os.getpid(), signum)  # the gear (this process's main thread) is mid-request
        hold.release()

    hold = standin.add_hold(Hold.write(HELD_WRITE, on_hold=signal_then_release))
    manifest = json.loads(MANIFEST.read_text())
    folder = tmp_path / "gear"
    inputs = example_inputs(manifest, DATA)
    write_gear_folder(
        folder, MANIFEST, config_from_manifest(manifest, {}), inputs, standin.api_key()
    )
    before = signal.getsignal(signum)

    code = execute_gear(main, folder)

    assert code == ExitCode.FAILED
    assert signal.getsignal(signum) is before
    assert len(standin.writes()) == HELD_WRITE  # the held one finished; none started after
    assert all(request.status == 200 for request in standin.writes())
    report = json.loads((folder / "output" / report_name(manifest["name"])).read_text())
    assert report["interrupted"] == signum.name
    assert report["totals"]["done"] == HELD_WRITE
    assert report["failures"] == [
        {"scope": "run", "reason": f"interrupted by {signum.name}: no write was started after it"}
    ]
    log = capsys.readouterr()
    assert f"{signum.name} received: stopping" in log.out
    assert f"stopped by {signum.name} before " in log.err
    assert "Traceback" not in log.out + log.err
    assert STOP.signal_name is None  # cleared when the run ended: later code may write again
