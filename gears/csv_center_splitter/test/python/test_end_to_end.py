"""`./dev run csv_center_splitter --example --standin`: the gear in its own process, as
/bin/run runs it, on the example data and seed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from dev_cli import cmd_run
from dev_cli.main import main


def dev_run(argv: list[str]) -> int:
    """`./dev run ARGV`, through ./dev's own entry point."""
    return main(["run", *argv])


@pytest.fixture
def runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "runs"
    monkeypatch.setenv(cmd_run.RUNS_DIR_ENV, str(root))
    return root


def test_the_example_shows_the_split_and_exits_0(
    runs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert dev_run(["csv_center_splitter", "--example", "--standin"]) == 0
    out = capsys.readouterr().out
    assert "split input-file.csv: 7 rows, 7 placed in 3 centers, 0 not placed" in out
    for center, rows in (("alpha", 3), ("beta", 2), ("gamma", 2)):
        assert f"{center}: {rows} row(s) -> {center}/ingest-form/input-file-{center}.csv" in out
    assert "changes (9): upload_file 3, add_file_tag 3, set_file_info 3" in out
    [folder] = sorted(runs.iterdir())
    report = json.loads((folder / "output" / "csv-center-splitter-report.json").read_text())
    assert report["context"]["centers"] == {"alpha": 3, "beta": 2, "gamma": 2}
    assert re.search(r"stand-in: \d+ reads, 9 writes\nexit code: 0\n", out)


def test_with_errors_shows_the_error_file_and_exits_1(
    runs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = Path(__file__).parents[2] / "data" / "with-errors.csv"
    assert dev_run(["csv_center_splitter", "--standin", "--input", f"input_file={data}"]) == 1
    out = capsys.readouterr().out
    assert "3 not placed (see with-errors-errors.csv)" in out
    assert re.search(r"output: with-errors-errors\.csv \(\d+ bytes\)", out)
    assert "exit code: 1" in out
