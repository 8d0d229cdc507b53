"""`python -m flywheel_standin` and `./dev standin`: serve, answer the SDK, dump on SIGTERM."""

from __future__ import annotations

import argparse
import os
import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO

import flywheel
import pytest
import yaml

from dev_cli import cmd_standin
from flywheel_standin import cli

LINE_TIMEOUT = 20.0


def line_reader(stream: IO[str]) -> Callable[[], str]:
    """`next_line()`: the stream's next line, failing after LINE_TIMEOUT seconds, not hanging."""
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        for line in stream:
            lines.put(line)

    threading.Thread(target=pump, daemon=True).start()

    def next_line() -> str:
        try:
            return lines.get(timeout=LINE_TIMEOUT)
        except queue.Empty:
            pytest.fail(f"the stand-in printed no line within {LINE_TIMEOUT:.0f}s")

    return next_line


def test_cli_serves_the_seed_and_dumps_on_sigterm(tmp_path: Path) -> None:
    seed = tmp_path / "seed.yaml"
    seed.write_text("groups: [{id: grp, label: G}]\n", encoding="utf-8")
    dump = tmp_path / "dump.yaml"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    argv = [sys.executable, "-m", "flywheel_standin", "--port", "0"]
    argv += ["--seed", str(seed), "--dump", str(dump)]
    with subprocess.Popen(argv, stdout=subprocess.PIPE, text=True, env=env) as proc:
        try:
            assert proc.stdout is not None
            next_line = line_reader(proc.stdout)
            url_line, key_line = next_line(), next_line()
            assert url_line.startswith("Flywheel stand-in at http://127.0.0.1:")
            key = key_line.split(": ", 1)[1].strip()
            assert key.endswith(":__force_insecure:any")
            client = flywheel.Client(key)
            client.get_group("grp").add_tag("from-cli")
        finally:
            proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
    assert yaml.safe_load(dump.read_text())["groups"][0]["tags"] == ["from-cli"]


def test_serve_reports_a_bad_seed_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = tmp_path / "seed.yaml"
    seed.write_text("groups: [{label: no id}]\n", encoding="utf-8")
    assert cli.serve(0, seed, None, threading.Event()) == 2
    assert "groups[0].id" in capsys.readouterr().err


def test_serve_reports_a_multi_document_seed_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = tmp_path / "seed.yaml"
    seed.write_text("groups: []\n---\ngroups: []\n", encoding="utf-8")
    assert cli.serve(0, seed, None, threading.Event()) == 2
    assert capsys.readouterr().err == (
        f"standin: {seed}, line 2, column 1: a second YAML document starts here;"
        " a seed is one document (remove the '---')\n"
    )


def test_serve_hides_seeded_keys_in_its_example(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = tmp_path / "seed.yaml"
    seed.write_text("keys: [top-secret]\n", encoding="utf-8")
    stop = threading.Event()
    stop.set()
    assert cli.serve(0, seed, None, stop) == 0
    out = capsys.readouterr().out
    assert "top-secret" not in out
    assert "<a key from the seed's keys>" in out


def test_dev_standin_takes_the_same_options() -> None:
    parser = argparse.ArgumentParser()
    cmd_standin.add_arguments(parser)
    args = parser.parse_args(["--port", "8080", "--seed", "s.yaml", "--dump", "d.yaml"])
    assert (args.port, args.seed, args.dump) == (8080, Path("s.yaml"), Path("d.yaml"))
    assert cmd_standin.NAME == "standin"
