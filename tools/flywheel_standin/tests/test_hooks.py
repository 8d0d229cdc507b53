"""Race hooks: a held request waits outside the store's lock; gates and barriers by key."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import flywheel
import pytest

from flywheel_standin import Barrier, Gate, StandIn
from flywheel_standin.cli import barriers
from gear_pytest.fixtures_standin import StandInFactory

SEED: dict[str, Any] = {"groups": [{"id": "grp", "label": "G"}]}


class Background:
    """A call in a thread; `result()` joins it and re-raises what it raised."""

    def __init__(self, call: Callable[[], Any]) -> None:
        self._outcome: list[Any] = []
        self._thread = threading.Thread(target=self._run, args=(call,), daemon=True)
        self._thread.start()

    def _run(self, call: Callable[[], Any]) -> None:
        try:
            self._outcome.append(("ok", call()))
        except BaseException as error:  # handed to the test thread
            self._outcome.append(("error", error))

    def result(self, timeout: float = 30) -> Any:
        self._thread.join(timeout)
        assert self._outcome, "the background call did not finish"
        kind, value = self._outcome[0]
        if kind == "error":
            raise value
        return value

    @property
    def done(self) -> bool:
        return bool(self._outcome)


def client(site: StandIn, key: str) -> Any:
    return flywheel.Client(site.api_key(key))


def labels(site: StandIn) -> list[str]:
    return [p["label"] for p in site.dump()["groups"][0]["projects"]]


def test_a_gate_holds_only_its_key_and_other_clients_are_served_meanwhile(
    standin_factory: StandInFactory,
) -> None:
    site = standin_factory(SEED)
    gate = site.add_hook(Gate("POST", "/api/projects", key="held"))
    held = Background(lambda: client(site, "held").add_project({"label": "a", "group": "grp"}))
    gate.wait_arrived()

    # the store is not locked: another key reads and writes while "held" waits
    other = client(site, "other")
    other.add_project({"label": "b", "group": "grp"})
    assert [p.label for p in other.get_group_projects("grp")] == ["b"]
    assert not held.done and labels(site) == ["b"]

    gate.open()
    held.result()
    assert labels(site) == ["b", "a"]


def test_an_after_gate_applies_the_write_and_holds_the_answer(
    standin_factory: StandInFactory,
) -> None:
    site = standin_factory(SEED)
    gate = site.add_hook(Gate("POST", "/api/projects", nth=2, when="after"))
    fw = client(site, "k")
    fw.add_project({"label": "first", "group": "grp"})  # nth=1: not held
    held = Background(lambda: fw.add_project({"label": "second", "group": "grp"}))
    gate.wait_arrived()
    assert labels(site) == ["first", "second"] and not held.done
    gate.open()
    assert held.result()


def test_a_barrier_releases_its_parties_together_and_lets_later_requests_pass(
    standin_factory: StandInFactory,
) -> None:
    site = standin_factory(SEED)
    barrier = site.add_hook(Barrier("GET", "/api/groups", 2))
    first = Background(lambda: client(site, "a").get_all_groups())
    barrier.wait_arrived(1)
    assert not first.done
    second = Background(lambda: client(site, "b").get_all_groups())
    assert [g.id for g in first.result()] == [g.id for g in second.result()] == ["grp"]
    assert not barrier.broken
    assert [g.id for g in client(site, "c").get_all_groups()] == ["grp"]  # a third passes


def test_an_unfilled_barrier_gives_up_after_its_timeout(standin_factory: StandInFactory) -> None:
    site = standin_factory(SEED)
    barrier = site.add_hook(Barrier("GET", "/api/groups", 2, timeout=0.2))
    assert [g.id for g in client(site, "a").get_all_groups()] == ["grp"]
    assert barrier.broken


def test_waiting_for_arrivals_that_never_come_times_out() -> None:
    gate = Gate("POST", "/api/projects", timeout=0.1)
    with pytest.raises(TimeoutError, match="0 of 1 requests arrived"):
        gate.wait_arrived()


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (["0", "GET", "/api/groups"], "N must be a whole number >= 1"),
        (["two", "GET", "/api/groups"], "N must be a whole number >= 1"),
        (["2", "GET", "/api/(groups"], "missing \\), unterminated subpattern"),
        (["2", "", "/api/groups"], "method needs at least one name"),
    ],
)
def test_a_bad_barrier_option_is_one_clear_error(spec: list[str], message: str) -> None:
    with pytest.raises(ValueError, match=message) as raised:
        barriers([spec])
    assert str(raised.value).startswith(f"--barrier {' '.join(spec)}: ")


def test_barrier_options_become_barriers() -> None:
    [barrier] = barriers([["3", "POST", "/api/projects"]])
    assert (barrier.parties, barrier.when) == (3, "before")
