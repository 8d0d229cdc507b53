"""Runs started together converge: the state one run makes, no duplicates, exits 0 (or 1).

Every run is a real `./dev run project_management --example --api-key-file FILE` process; all
share one stand-in and each has its own key, which the stand-in's hooks use to force the
interleaving under test (see concurrent_runs.py and flywheel_standin/hooks.py). Each test
asserts from the request log that the race it is about really happened.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from flywheel_access.same_label import UNCONFIRMED
from flywheel_standin import Barrier, Gate, StandIn
from gear_pytest.fixtures_standin import StandInFactory
from gear_report import report_name

REPORT_NAME = report_name("project-management")
FIRST_PROJECT = r"/api/projects"  # POST: create a project
FINISH_TIMEOUT = 120.0


def dev_env(runs_root: Path) -> dict[str, str]:
    """This process's environment, with its import path and the run folders' root."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    env["DEV_RUNS_DIR"] = str(runs_root)
    return env


def dev_command(*args: str) -> list[str]:
    """`./dev ARGS` as this interpreter runs it (no shell wrapper, so it works under Bazel)."""
    return [sys.executable, "-m", "dev_cli", *args]


@dataclass
class DevRun:
    """One `./dev run project_management --example --api-key-file FILE` in its own session."""

    name: str
    process: subprocess.Popen[bytes]
    runs_root: Path
    log: Path

    def wait(self) -> int:
        """Its exit code (negative: killed by that signal)."""
        return self.process.wait(timeout=FINISH_TIMEOUT)

    def kill_gear(self) -> None:
        """SIGKILL the gear `./dev run` started (its only child, in a session of its own), as
        a job's container is killed; `./dev run` itself then ends."""
        [gear] = child_pids(self.process.pid)
        os.kill(gear, signal.SIGKILL)

    @property
    def report(self) -> dict[str, Any]:
        """The gear's report (output/project-management-report.json)."""
        [folder] = self.runs_root.iterdir()
        data: dict[str, Any] = json.loads((folder / "output" / REPORT_NAME).read_text())
        return data

    def output(self) -> str:
        """What `./dev run` printed (stdout and stderr)."""
        return self.log.read_text()


def child_pids(pid: int) -> list[int]:
    """The ids of the processes whose parent is `pid` (from /proc)."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # gone meanwhile
        if int(fields[1]) == pid:  # the field after the state is the parent's id
            children.append(int(stat.parent.name))
    return children


def start_run(tmp_path: Path, name: str, url_host_port: str, *extra: str) -> DevRun:
    """Start `./dev run` with key `name` for the stand-in at `host:port`."""
    base = tmp_path / name
    base.mkdir()
    key_file = base / "api-key"
    key_file.write_text(f"{url_host_port}:__force_insecure:{name}\n")
    log = base / "dev-run.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            dev_command(
                "run", "project_management", "--example", "--api-key-file", str(key_file), *extra
            ),
            env=dev_env(base / "runs"),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # away from the test's terminal signals
        )
    return DevRun(name, process, base / "runs", log)


def host_port(standin: StandIn) -> str:
    """`127.0.0.1:PORT` of a started stand-in."""
    return f"{standin.host}:{standin.port}"


@dataclass
class FirstCreation:
    """Gates around one run's first project creation: before it applies and before its answer."""

    before: Gate
    after: Gate


def gate_first_creations(standin: StandIn, names: list[str]) -> dict[str, FirstCreation]:
    """Hold each run's first `POST /api/projects` before it applies, and its answer after."""
    return {
        name: FirstCreation(
            before=standin.add_hook(Gate("POST", FIRST_PROJECT, key=name, nth=1)),
            after=standin.add_hook(Gate("POST", FIRST_PROJECT, key=name, nth=1, when="after")),
        )
        for name in names
    }


def create_in_order(gates: dict[str, FirstCreation], order: list[str]) -> None:
    """Once every run waits at its first creation (all have listed the group's projects and
    found the label missing), let the creations apply one at a time, in `order`."""
    for gate in gates.values():
        gate.before.wait_arrived()
    for name in order:
        gates[name].before.open()
        gates[name].after.wait_arrived()


def state(dump: dict[str, Any]) -> dict[str, Any]:
    """A dump without generated project ids, groups and projects keyed by id and label."""
    result: dict[str, Any] = {}
    for group in dump["groups"]:
        projects = group.get("projects", [])
        result[group["id"]] = {
            **{k: v for k, v in group.items() if k != "projects"},
            "projects": {p["label"]: {k: v for k, v in p.items() if k != "id"} for p in projects},
        }
    return result


def duplicates(dump: dict[str, Any]) -> dict[str, list[str]]:
    """Per group, the project labels that occur more than once (groups, too, under "")."""
    found: dict[str, list[str]] = {}
    group_ids = Counter(group["id"] for group in dump["groups"])
    if any(n > 1 for n in group_ids.values()):
        found[""] = sorted(g for g, n in group_ids.items() if n > 1)
    for group in dump["groups"]:
        labels = Counter(p["label"] for p in group.get("projects", []))
        twins = sorted(label for label, n in labels.items() if n > 1)
        if twins:
            found[group["id"]] = twins
    return found


def records(report: dict[str, Any], operation: str, outcome: str) -> list[dict[str, Any]]:
    """The report's records of `operation` with `outcome`."""
    return [r for r in report["records"] if r["operation"] == operation and r["outcome"] == outcome]


GEAR_ROOT = Path(__file__).parent.parent.parent
SEED_FILE = GEAR_ROOT / "data" / "standin-seed.yaml"
SEED: dict[str, Any] = yaml.safe_load(SEED_FILE.read_text())
FIRST_LABEL = ("alpha", "accepted")  # the example's first project: every run creates it first


@pytest.fixture(scope="module")
def one_run_state(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The state a single run makes from the example seed."""
    with StandIn(SEED) as site:
        run = start_run(tmp_path_factory.mktemp("one-run"), "solo", host_port(site))
        assert run.wait() == 0, run.output()
        dump = site.dump()
    assert duplicates(dump) == {}
    return state(dump)


def with_groups(*group_ids: str) -> dict[str, Any]:
    """The example seed plus existing, empty center groups (as an earlier run left them)."""
    seed: dict[str, Any] = yaml.safe_load(SEED_FILE.read_text())
    seed["groups"] += [{"id": g, "label": g.title(), "permissions": []} for g in group_ids]
    return seed


def creations_of(site: StandIn, group: str, label: str) -> int:
    """How many projects `label` were created in `group` (from the request log)."""
    return sum(
        1
        for r in site.writes()
        if r.method == "POST"
        and r.path == "/api/projects"
        and r.status == 200
        and (r.body["group"], r.body["label"], r.body["info"])
        == (group, label, {UNCONFIRMED: True})
    )


def deleted_ids(site: StandIn) -> list[str]:
    """The ids of the projects deleted (from the request log)."""
    return [
        r.path.rsplit("/", 1)[1]
        for r in site.writes()
        if r.method == "DELETE" and r.path.startswith("/api/projects/") and r.status == 200
    ]


def assert_first_created_won(site: StandIn) -> None:
    """alpha/accepted, the first project created at all (ids grow with creation), survived;
    every project deleted was created after it."""
    [alpha] = [g for g in site.dump()["groups"] if g["id"] == "alpha"]
    [kept] = [p["id"] for p in alpha["projects"] if p["label"] == "accepted"]
    assert deleted_ids(site) and all(kept < gone for gone in deleted_ids(site))


def finish(runs: list[DevRun]) -> list[int]:
    return [run.wait() for run in runs]


def assert_converged(site: StandIn, expected: dict[str, Any], runs: list[DevRun]) -> None:
    dump = site.dump()
    assert duplicates(dump) == {}
    assert state(dump) == expected
    for run in runs:
        assert run.report["failures"] == [], run.output()


@pytest.mark.parametrize("order", [["a", "b"], ["b", "a"]])
def test_two_runs_from_empty_both_creating_every_project_converge(
    tmp_path: Path, standin_factory: StandInFactory, one_run_state: dict[str, Any], order: list[str]
) -> None:
    site = standin_factory(SEED)
    # Both list the groups before either creates one; both then find alpha's projects missing.
    site.add_hook(Barrier("GET", "/api/groups", 2))
    gates = gate_first_creations(site, ["a", "b"])
    runs = [start_run(tmp_path, name, host_port(site)) for name in ["a", "b"]]
    create_in_order(gates, order)  # alpha/accepted: `order[0]`'s is the older
    for gate in gates.values():
        gate.after.open()

    assert finish(runs) == [0, 0]
    assert creations_of(site, *FIRST_LABEL) == 2  # the race happened: both made it
    assert_first_created_won(site)  # order[0]'s; the losers (either run may remove them) went
    assert_converged(site, one_run_state, runs)


def test_three_runs_from_empty_converge(
    tmp_path: Path, standin_factory: StandInFactory, one_run_state: dict[str, Any]
) -> None:
    site = standin_factory(SEED)
    site.add_hook(Barrier("GET", "/api/groups", 3))
    names = ["a", "b", "c"]
    gates = gate_first_creations(site, names)
    runs = [start_run(tmp_path, name, host_port(site)) for name in names]
    create_in_order(gates, ["c", "a", "b"])
    for gate in gates.values():
        gate.after.open()

    assert finish(runs) == [0, 0, 0]
    assert creations_of(site, *FIRST_LABEL) == 3
    assert_first_created_won(site)
    assert_converged(site, one_run_state, runs)


def test_two_runs_where_some_groups_exist_converge(
    tmp_path: Path, standin_factory: StandInFactory
) -> None:
    seed = with_groups("alpha", "beta")
    with StandIn(seed) as reference:
        solo = start_run(tmp_path, "solo", host_port(reference))
        assert solo.wait() == 0, solo.output()
        expected = state(reference.dump())
    site = standin_factory(seed)
    gates = gate_first_creations(site, ["a", "b"])
    runs = [start_run(tmp_path, name, host_port(site)) for name in ["a", "b"]]
    create_in_order(gates, ["b", "a"])
    for gate in gates.values():
        gate.after.open()

    assert finish(runs) == [0, 0]
    assert creations_of(site, *FIRST_LABEL) == 2
    assert_first_created_won(site)
    assert_converged(site, expected, runs)


@pytest.mark.parametrize("killed_first", [True, False], ids=["killed-older", "killed-newer"])
def test_a_run_killed_after_a_create_while_another_runs(
    tmp_path: Path,
    standin_factory: StandInFactory,
    one_run_state: dict[str, Any],
    killed_first: bool,
) -> None:
    """The killed run's project is either the winner (the survivor confirms and completes it)
    or an unconfirmed empty loser (the survivor removes it): no duplicate either way."""
    site = standin_factory(SEED)
    gates = gate_first_creations(site, ["killed", "survivor"])
    killed, survivor = (start_run(tmp_path, name, host_port(site)) for name in gates)
    create_in_order(gates, ["killed", "survivor"] if killed_first else ["survivor", "killed"])
    killed.kill_gear()  # its project was created; it never got the answer
    gates["killed"].after.open()
    gates["survivor"].after.open()

    assert killed.wait() != 0  # the gear died: no report, and `./dev run` says so
    assert survivor.wait() == 0, survivor.output()
    assert creations_of(site, *FIRST_LABEL) == 2
    assert_first_created_won(site)
    assert len(deleted_ids(site)) == 1  # killed's (newer) or survivor's own (when killed's won)
    assert_converged(site, one_run_state, [survivor])


def test_two_dev_runs_at_once_against_one_dev_standin(
    tmp_path: Path, one_run_state: dict[str, Any]
) -> None:
    """Through the real processes: `./dev standin` (with barriers that make both runs list
    the groups, and create their first project, together) and two `./dev run`s."""
    dump_file = tmp_path / "state.yaml"
    env = dev_env(tmp_path / "unused-runs")
    standin = subprocess.Popen(
        dev_command(
            "standin",
            "--seed",
            str(SEED_FILE),
            "--dump",
            str(dump_file),
            "--barrier",
            "2",
            "GET",
            "/api/groups",
            "--barrier",
            "2",
            "POST",
            "/api/projects",
        ),
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert standin.stdout is not None
        first_line = standin.stdout.readline()
        found = re.fullmatch(r"Flywheel stand-in at http://(127\.0\.0\.1:\d+)/api\n", first_line)
        assert found, first_line
        runs = [start_run(tmp_path, name, found.group(1)) for name in ["a", "b"]]
        assert finish(runs) == [0, 0], [run.output() for run in runs]
    finally:
        standin.send_signal(signal.SIGTERM)
        standin.communicate(timeout=60)
    dump = yaml.safe_load(dump_file.read_text())
    assert duplicates(dump) == {}
    assert state(dump) == one_run_state
    made = [
        r
        for run in runs
        for r in records(run.report, "create_project", "done")
        if r["path"] == "alpha/accepted"
    ]
    assert len(made) == 2  # the barrier made both create it: the race happened
    assert sum(len(records(run.report, "delete_project", "done")) for run in runs) >= 1
    assert UNCONFIRMED not in str(dump)


def test_duplicates_left_by_hand_are_reported_exit_1_and_kept(
    tmp_path: Path, standin_factory: StandInFactory
) -> None:
    seed = with_groups("alpha")
    [alpha] = [g for g in seed["groups"] if g["id"] == "alpha"]
    alpha["projects"] = [{"label": "accepted"}, {"label": "accepted", "tags": ["mine"]}]
    site = standin_factory(seed)
    run = start_run(tmp_path, "a", host_port(site))

    assert run.wait() == 1
    [failure] = run.report["failures"]
    assert failure["scope"] == "project tau, center alpha"
    assert re.fullmatch(
        r"group alpha has 2 projects labelled 'accepted' \(the oldest, (\w+), is used; not made"
        r" by this gear or holding data: (\w+)\): merge or delete the extra ones by hand, then"
        r" re-run",
        failure["reason"],
    )
    [alpha_now] = [g for g in site.dump()["groups"] if g["id"] == "alpha"]
    accepted = [p for p in alpha_now["projects"] if p["label"] == "accepted"]
    assert [p["tags"] for p in accepted] == [["adrc"], ["mine"]]  # oldest used, other untouched
    assert not [r for r in site.writes() if r.method == "DELETE"]
    assert duplicates(site.dump()) == {"alpha": ["accepted"]}
    assert "group alpha has 2 projects labelled 'accepted'" in run.output()
    assert (
        "1 of 6 groups failed (see project-management-report.json): fix what each failure"
        " names, then re-run the gear with the same project file" in run.output()
    )
