"""`./dev bcr-refresh`: reads all or writes nothing; HTTP, file:// and git registries."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest

from bcr_facts.record import CHECKED_IN, load, to_json
from bcr_facts.repo import refresh
from bcr_facts.tests.registry_fixture import (
    module_text,
    registry_from_record,
    serve,
    stopped_server_url,
    write_registry,
)
from dev_cli.main import main

OLD = '{"old": "record"}\n'


def test_refresh_against_a_fixture_registry_writes_the_record(tmp_path: Path) -> None:
    checked_in = load(CHECKED_IN)
    registry = registry_from_record(tmp_path / "registry", checked_in)
    record = tmp_path / "out" / "record.json"
    with serve(registry) as url:
        assert main(["bcr-refresh", "--registry", url, "--record", str(record)]) == 0
    written = load(record)
    assert written.source.registry == url
    # The same facts come back: the walk reads exactly what the checked-in record holds.
    assert to_json(written)["modules"] == to_json(checked_in)["modules"]


def test_a_stopped_registry_leaves_the_record_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = tmp_path / "record.json"
    record.write_text(OLD, encoding="utf-8")
    url = stopped_server_url()
    assert main(["bcr-refresh", "--registry", url, "--record", str(record)]) == 1
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith(f"bcr-refresh: cannot read {url}/modules/")
    assert line.endswith("; the record was left as it was")
    assert record.read_text(encoding="utf-8") == OLD


def test_a_registry_failing_midway_leaves_the_record_untouched(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "MODULE.bazel").write_text(
        'bazel_dep(name = "a", version = "1.0")\nbazel_dep(name = "b", version = "1.0")\n',
        encoding="utf-8",
    )
    registry = write_registry(
        tmp_path / "registry",
        {"a": {"1.0": module_text("a", "1.0")}, "b": {"1.0": module_text("b", "1.0")}},
    )
    (registry / "modules/b/1.0/MODULE.bazel").unlink()  # listed, but the file is gone
    record = tmp_path / "record.json"
    record.write_text(OLD, encoding="utf-8")
    log = io.StringIO()
    with serve(registry) as url:
        assert refresh(repo, url, record_path=record, log=log) == 1
    assert log.getvalue().splitlines()[-1] == (
        "bcr-refresh: the registry lists b 1.0 but has no modules/b/1.0/MODULE.bazel; "
        "the record was left as it was"
    )
    assert record.read_text(encoding="utf-8") == OLD


def _git(cwd: Path, *args: str) -> str:
    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
        "GIT_AUTHOR_DATE": "2026-08-22T19:18:39+02:00",
        "GIT_COMMITTER_DATE": "2026-08-22T19:18:39+02:00",
        "PATH": "/usr/bin:/bin:/usr/local/bin",
    }
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_git_checkout_and_file_url_registries(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "MODULE.bazel").write_text('bazel_dep(name = "a", version = "1.0")\n')
    registry = write_registry(tmp_path / "bcr", {"a": {"1.0": module_text("a", "1.0", ["b@2"])}})
    write_registry(registry, {"b": {"2": module_text("b", "2")}})
    _git(registry, "init", "-q")
    _git(registry, "add", ".")
    _git(registry, "commit", "-q", "-m", "fixture")
    first = _git(registry, "rev-parse", "HEAD")
    write_registry(registry, {"a": {"1.0": module_text("a", "1.0", ["b@3"])}})
    _git(registry, "commit", "-q", "-am", "later")

    record = tmp_path / "git.json"
    assert refresh(repo, str(registry), commit=first, record_path=record, log=io.StringIO()) == 0
    read = load(record)
    assert (read.source.commit, read.source.date) == (first, "2026-08-22T19:18:39+02:00")
    assert [d.version for d in read.modules["a"].visited["1.0"].deps] == ["2"]

    record = tmp_path / "file.json"
    (registry / ".git").rename(tmp_path / "moved.git")  # a plain directory now
    assert refresh(repo, registry.as_uri(), record_path=record, log=io.StringIO()) == 0
    assert [d.version for d in load(record).modules["a"].visited["1.0"].deps] == ["3"]
