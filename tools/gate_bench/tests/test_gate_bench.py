"""The gate benchmark's parts, on small git repositories whose `./dev` is a short script that
makes gear folders and prints what the gate prints."""

from __future__ import annotations

from pathlib import Path

import pytest

from gate_bench import (
    GateRow,
    GateRun,
    add_gears,
    bench_gate,
    format_row,
    temporary_clone,
    time_gate,
)
from gate_bench.gears import new_gear_argv
from gear_pytest.git_repo import commit_all, git

# A stand-in for ./dev: `new-gear NAME ...` makes gears/<folder>/ and logs its arguments;
# `test ...` prints the gate's last lines, with the number of gears as the pytest count, and
# fails when FAIL_GATE exists.
FAKE_DEV = """#!/bin/sh
if [ "$1" = new-gear ]; then
  mkdir -p "gears/$(echo "$2" | tr - _)"
  echo "$*" >> new-gear.log
  exit 0
fi
gears=$(ls gears | wc -l)
echo "--- pytest: ok (1.5s)"
echo "dev test: all steps passed"
echo "pytest: $gears passed, 0 failed, 1 skipped"
if [ -e FAIL_GATE ]; then echo "the last words of a failed gate" >&2; exit 1; fi
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "gears/own_gear").mkdir(parents=True)
    (root / "gears/own_gear/manifest.json").write_text("{}\n")
    (root / "dev").write_text(FAKE_DEV)
    (root / "dev").chmod(0o755)
    (root / ".gitignore").write_text(".venv/\nnew-gear.log\n")
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "first")
    return root


def test_the_clone_has_the_committed_tree_and_links_the_built_venv(repo: Path) -> None:
    (repo / ".venv").mkdir()
    (repo / ".venv/kept").write_text("the built venv\n")
    (repo / "uncommitted.txt").write_text("not in the clone\n")
    with temporary_clone(repo) as clone:
        assert (clone / "gears/own_gear/manifest.json").is_file()
        assert not (clone / "uncommitted.txt").exists()
        assert (clone / ".venv").is_symlink()
        assert (clone / ".venv").resolve() == (repo / ".venv").resolve()
        assert git(clone, "status", "--porcelain") == ""  # the link is not an untracked file
    assert not clone.exists()
    assert (repo / ".venv/kept").is_file()  # removing the clone left the venv alone


def test_gears_are_added_up_to_the_total_with_both_kinds_of_generated_test(repo: Path) -> None:
    assert add_gears(repo, 4) == ["gate_bench_01", "gate_bench_02", "gate_bench_03"]
    assert add_gears(repo, 4) == []
    assert (repo / "new-gear.log").read_text().splitlines() == [
        "new-gear gate-bench-01 --gear-bot",
        "new-gear gate-bench-02 --input source_file:csv",
        "new-gear gate-bench-03 --gear-bot",
    ]
    assert new_gear_argv(12)[-2:] == ["--input", "source_file:csv"]


def test_a_run_is_timed_and_read(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHONPATH", "/the/working/tree")
    (repo / ".mypy_cache").mkdir()
    (repo / ".mypy_cache/warm").write_text("")
    (repo / "dev").write_text(FAKE_DEV.replace("#!/bin/sh\n", '#!/bin/sh\necho "[$PYTHONPATH]"\n'))
    run = time_gate(repo, ["./dev", "test"])
    assert "[]" in run.tail  # the clone's ./dev sets its own import path
    assert not (repo / ".mypy_cache").exists()  # each run starts cold, as CI's
    assert run.exit_code == 0
    assert run.seconds > 0
    assert (run.pytest_seconds, run.tests) == (1.5, 2)  # one gear: 1 passed + 1 skipped

    (repo / "FAIL_GATE").write_text("")
    failed = time_gate(repo, ["./dev", "test"])
    assert failed.exit_code == 1
    assert failed.tail.endswith("the last words of a failed gate")


def test_output_without_the_gates_lines_reads_as_unknown(tmp_path: Path) -> None:
    run = time_gate(tmp_path, ["true"])
    assert (run.exit_code, run.pytest_seconds, run.tests) == (0, None, None)


def test_ratios_are_to_the_first_row() -> None:
    def run(seconds: float) -> GateRun:
        return GateRun(seconds, seconds / 2, 10, 0, "")

    first = GateRow(gears=3, scaffolded=1, full=run(100.0), one_gear=run(20.0))
    later = GateRow(gears=50, scaffolded=48, full=run(150.0), one_gear=run(30.0))
    assert format_row(first, first).split() == [
        "3", "(1", "scaffolded)", "100.0", "1.00", "50.0", "10", "20.0", "1.00", "10"
    ]  # fmt: skip
    assert format_row(later, first).split()[3:5] == ["150.0", "1.50"]
    assert format_row(later, first).split()[7:9] == ["30.0", "1.50"]


def test_the_benchmark_prints_a_row_per_size_from_a_clone(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert bench_gate(repo, [1, 5]) == 0
    out, err = capsys.readouterr()
    assert "left out [1]: the clone has 1 gear(s), and the first row adds one" in err
    rows = out.splitlines()
    assert rows[0].split()[:3] == ["gears", "gate", "s"]
    assert [row.split()[0] for row in rows[1:]] == ["2", "5"]
    assert rows[2].split()[1:3] == ["(4", "scaffolded)"]
    assert "5 gears: ./dev test, then ./dev test --gear gate_bench_01" in err
    assert not (repo / "gears/gate_bench_01").exists()  # all of it happened in the clone


def test_a_failed_gate_stops_the_benchmark_with_its_last_lines(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "FAIL_GATE").write_text("")
    commit_all(repo, "fail")
    assert bench_gate(repo, [5]) == 1
    err = capsys.readouterr().err
    assert "2 gears: the gate failed (exit 1):" in err
    assert "the last words of a failed gate" in err
