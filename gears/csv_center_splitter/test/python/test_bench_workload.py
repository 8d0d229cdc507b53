"""The benchmark's workload (`./dev bench csv_center_splitter`): reads and memory do not grow
with rows. Runs the gear in process on the bench's seed at 10k and 100k rows."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from csv_center_splitter_app.run import main
from dev_cli import cmd_bench
from flywheel_standin import StandIn
from gear_bench import BENCHES, measure_probe, write_inputs
from gear_pytest.fixtures_standin import StandInFactory
from gear_run import config_from_manifest, write_gear_folder
from gear_runner import ExitCode, execute_gear

MANIFEST = Path(__file__).parents[2] / "src" / "docker" / "manifest.json"
BENCH = BENCHES["csv_center_splitter"]


def run_size(tmp_path: Path, standin: StandIn, rows: int) -> tuple[int, int]:
    """One gear run on the bench workload of `rows` rows: (reads, writes)."""
    workload = BENCH.workload(rows)
    inputs = write_inputs(workload, tmp_path / f"inputs-{rows}")
    config = config_from_manifest(json.loads(MANIFEST.read_text()), {})
    folder = tmp_path / f"gear-{rows}"
    write_gear_folder(folder, MANIFEST, config, inputs, standin.api_key())
    assert execute_gear(main, folder) == ExitCode.OK
    return len(standin.reads()), len(standin.writes())


def test_reads_are_the_same_at_10k_and_100k_rows(
    tmp_path: Path, standin_factory: StandInFactory
) -> None:
    counts = {}
    for rows in (10_000, 100_000):
        standin = standin_factory(BENCH.workload(1).seed)
        counts[rows] = run_size(tmp_path, standin, rows)
    assert counts[10_000] == counts[100_000]
    reads, writes = counts[10_000]
    assert writes == 3 * 50  # upload, tag, info per center
    assert reads <= 50 + 5  # the site config per upload, and a few listings


def test_the_split_phase_peak_memory_does_not_grow_with_rows(tmp_path: Path) -> None:
    peaks = {}
    for rows in (10_000, 100_000):
        workload = BENCH.workload(rows)
        peaks[rows] = measure_probe(workload, write_inputs(workload, tmp_path / str(rows)))
    assert peaks[10_000] is not None and peaks[100_000] is not None
    assert peaks[100_000] <= 1.5 * peaks[10_000]


def test_dev_bench_prints_one_line_per_phase(capsys: pytest.CaptureFixture[str]) -> None:
    parser = argparse.ArgumentParser()
    cmd_bench.add_arguments(parser)
    assert cmd_bench.run(parser.parse_args(["csv_center_splitter", "--sizes", "500"])) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == [
        "size",
        "phase",
        "exit",
        "reads",
        "writes",
        "seconds",
        "items/s",
        "peak",
        "MiB",
    ]
    from_empty, nothing = lines[1:]
    assert from_empty.startswith("500 rows x 50 centers")
    assert from_empty.split()[-1] != "-"  # the split phase's peak memory
    assert nothing.split()[-1] == "-" and " 0 " in nothing
