"""Refused, failing and conflicting writes against the stand-in, through the real SDK."""

from __future__ import annotations

import logging
from typing import Any

import flywheel
import pytest

from flywheel_access import (
    FlywheelAccess,
    GroupView,
    Outcome,
    ReadFailed,
    RetryPolicy,
    UnknownGroup,
    UnknownRole,
    WriteFailed,
)
from flywheel_standin import Fault, StandIn
from gear_pytest.fixtures_standin import StandInFactory

SECRET = "sekrit-key-0123456789"
SEED = {"groups": [{"id": "nacc", "label": "NACC"}]}


def make_access(
    standin: StandIn, sleeps: list[float], *, attempts: int = 4, dry_run: bool = False
) -> FlywheelAccess:
    client = flywheel.Client(standin.api_key(SECRET))
    return FlywheelAccess(
        client, dry_run=dry_run, retry=RetryPolicy(attempts=attempts, sleep=sleeps.append)
    )


def nacc_of(access: FlywheelAccess) -> GroupView:
    """The seeded group `nacc`, read through `access`."""
    nacc = access.group("nacc")
    assert nacc is not None
    return nacc


def posts(standin: StandIn, path: str) -> int:
    return sum(1 for r in standin.writes() if r.method == "POST" and r.path == path)


def test_a_refused_write_records_failed_with_the_reason_and_raises(
    standin_factory: StandInFactory, caplog: pytest.LogCaptureFixture
) -> None:
    standin = standin_factory(SEED)
    standin.add_fault(Fault("POST", "/api/groups", status=403))
    sleeps: list[float] = []
    access = make_access(standin, sleeps)

    with (
        caplog.at_level(logging.INFO, logger="flywheel_access"),
        pytest.raises(WriteFailed) as raised,
    ):
        access.ensure_group("alpha", "Alpha")

    [record] = access.records
    assert record.outcome is Outcome.FAILED
    assert record.operation == "create_group"
    assert record.path == "alpha"
    assert record.reason is not None and record.reason.startswith("HTTP 403: ")
    assert raised.value.record is record
    assert "create_group on alpha failed: HTTP 403" in str(raised.value)
    assert posts(standin, "/api/groups") == 1  # not retried
    assert sleeps == []
    assert access.group("alpha") is None
    assert "alpha" not in {g["id"] for g in standin.dump()["groups"]}
    assert SECRET not in caplog.text and SECRET not in str(raised.value)
    assert "create_group alpha" in caplog.text


def test_a_refused_tag_stops_at_that_tag(standin_factory: StandInFactory) -> None:
    standin = standin_factory(SEED)
    standin.add_fault(Fault("POST", "/api/groups/nacc/tags", nth=2, status=400))
    access = make_access(standin, [])
    nacc = nacc_of(access)
    with pytest.raises(WriteFailed, match="add_group_tag on nacc failed: HTTP 400"):
        access.ensure_group_tags(nacc, ["one", "two", "three"])
    assert [(r.payload["tag"], r.outcome) for r in access.records] == [
        ("one", Outcome.DONE),
        ("two", Outcome.FAILED),
    ]


def test_a_group_made_meanwhile_by_someone_else_is_already_there(
    standin_factory: StandInFactory,
) -> None:
    standin = standin_factory(SEED)
    sleeps: list[float] = []
    access = make_access(standin, sleeps)
    assert access.group("alpha") is None  # the group list is now cached without alpha
    flywheel.Client(standin.api_key()).add_group(flywheel.GroupInput(id="alpha", label="Theirs"))
    standin.clear_requests()

    group = access.ensure_group("alpha", "Alpha")

    assert [(r.operation, r.outcome) for r in access.records] == [("create_group", Outcome.ALREADY)]
    assert [(r.method, r.status) for r in standin.writes()] == [("POST", 409)]
    assert group.label == "Theirs" and not group.planned
    assert sleeps == []
    # it may hold projects, so they are listed rather than assumed absent
    access.ensure_projects(group, ["accepted"])
    assert any(r.path == "/api/groups/alpha/projects" for r in standin.reads())


def test_a_write_refused_before_it_applied_is_retried_after_a_check(
    standin_factory: StandInFactory,
) -> None:
    standin = standin_factory(SEED)
    standin.add_fault(Fault("POST", "/api/groups", nth=1, status=503))
    sleeps: list[float] = []
    access = make_access(standin, sleeps)

    access.ensure_group("alpha", "Alpha")

    assert [r.outcome for r in access.records] == [Outcome.DONE]
    assert [r.status for r in standin.writes()] == [503, 200]
    checks = [r for r in standin.reads() if r.path == "/api/groups/alpha"]
    assert checks and checks[0].status == 404  # looked before re-sending
    assert sleeps == [RetryPolicy().delay(1)]


def test_a_dropped_connection_after_the_project_was_made_creates_no_twin(
    standin_factory: StandInFactory,
) -> None:
    standin = standin_factory(SEED)
    standin.add_fault(Fault("POST", "/api/projects", drop=True, when="after"))
    sleeps: list[float] = []
    access = make_access(standin, sleeps)
    nacc = nacc_of(access)

    [project] = access.ensure_projects(nacc, ["accepted"])

    assert access.records[-1].outcome is Outcome.DONE
    assert posts(standin, "/api/projects") == 1
    [stored] = standin.dump()["groups"][0]["projects"]
    assert project.id == stored["id"]
    assert sleeps == []
    access.ensure_project_tags(project, ["x"])  # the view knows its id
    assert standin.dump()["groups"][0]["projects"][0]["tags"] == ["x"]


def test_a_project_creation_failing_after_it_applied_is_checked_not_resent(
    standin_factory: StandInFactory,
) -> None:
    standin = standin_factory(SEED)
    standin.add_fault(Fault("POST", "/api/projects", every=3, when="after"))
    sleeps: list[float] = []
    access = make_access(standin, sleeps)
    nacc = nacc_of(access)
    labels = [f"project-{n}" for n in range(7)]

    projects = access.ensure_projects(nacc, labels)

    creations = [r for r in standin.writes() if r.method == "POST"]
    assert [r.status for r in creations] == [200, 200, 503, 200, 200, 503, 200]
    stored = {p["label"]: p for p in standin.dump()["groups"][0]["projects"]}
    assert sorted(stored) == sorted(labels)  # each once: no twins
    assert [p.label for p in projects] == labels
    assert [p.id for p in projects] == [stored[label]["id"] for label in labels]
    # the creator's role, as the server gave it, is known for every new project
    assert all(p.roles == {"admin@example.org": ["role-admin"]} for p in projects)
    assert {r.outcome for r in access.records} == {Outcome.DONE}
    assert sleeps == []
    # each failed creation was checked (by label: its id was never returned), then one
    # listing of the group's projects for the whole batch
    checks = [r for r in standin.reads() if r.path == "/api/groups/nacc/projects"]
    assert [r.query.get("filter") for r in checks] == [
        None,
        ["label=project-2"],
        ["label=project-5"],
        None,
    ]


def test_a_refused_project_creation_drops_the_cached_projects(
    standin_factory: StandInFactory,
) -> None:
    standin = standin_factory(SEED)
    standin.add_fault(Fault("POST", "/api/projects", nth=2, status=403))
    access = make_access(standin, [])
    nacc = nacc_of(access)

    with pytest.raises(WriteFailed, match="create_project on nacc/second failed: HTTP 403"):
        access.ensure_projects(nacc, ["first", "second", "third"])

    standin.clear_requests()
    projects = access.ensure_projects(nacc, ["first", "second", "third"])

    creations = [(r.method, r.path) for r in standin.writes() if r.method == "POST"]
    assert creations == [("POST", "/api/projects")] * 2
    assert [r.outcome for r in access.records if r.operation == "create_project"] == [
        Outcome.DONE,
        Outcome.FAILED,
        Outcome.ALREADY,  # first: listed again, not created twice
        Outcome.DONE,
        Outcome.DONE,
    ]
    assert sorted(p["label"] for p in standin.dump()["groups"][0]["projects"]) == [
        "first",
        "second",
        "third",
    ]
    assert all(p.id is not None and not p.planned for p in projects)


def test_a_failed_listing_after_creating_projects_is_read_again_not_recreated(
    standin_factory: StandInFactory,
) -> None:
    standin = standin_factory(SEED)
    # the first listing fills the cache; the second, after the batch, fails
    standin.add_fault(Fault("GET", "/api/groups/nacc/projects", nth=2, status=500))
    access = make_access(standin, [])
    nacc = nacc_of(access)

    with pytest.raises(ReadFailed, match=r"GET /api/groups/nacc/projects\) failed: HTTP 500"):
        access.ensure_projects(nacc, ["first", "second"])

    [first, second] = access.ensure_projects(nacc, ["first", "second"])

    assert posts(standin, "/api/projects") == 2
    assert [p["label"] for p in standin.dump()["groups"][0]["projects"]] == ["first", "second"]
    assert first.roles == second.roles == {"admin@example.org": ["role-admin"]}


class LaggingListings:
    """A real SDK client whose project listings leave out some labels (a lagging server)."""

    def __init__(self, client: Any, hidden: set[str]) -> None:
        self._client = client
        self._hidden = hidden

    def __getattr__(self, name: str) -> Any:
        return getattr(self._client, name)

    def get_group_projects(self, *args: Any, **kwargs: Any) -> list[Any]:
        listed = self._client.get_group_projects(*args, **kwargs)
        return [project for project in listed if project.label not in self._hidden]


def test_a_created_project_missing_from_the_listing_is_a_readable_error(
    standin_factory: StandInFactory,
) -> None:
    standin = standin_factory(SEED)
    client = LaggingListings(flywheel.Client(standin.api_key(SECRET)), {"second"})
    access = FlywheelAccess(client, dry_run=False)
    nacc = nacc_of(access)

    with pytest.raises(ReadFailed) as raised:
        access.ensure_projects(nacc, ["first", "second"])

    assert "project nacc/second was created (id " in str(raised.value)
    assert "GET /api/groups/nacc/projects) lacks it" in str(raised.value)
    assert SECRET not in str(raised.value)
    assert posts(standin, "/api/projects") == 2


def test_a_write_that_keeps_failing_gives_up(standin_factory: StandInFactory) -> None:
    standin = standin_factory(SEED)
    standin.add_fault(Fault("POST", "/api/groups", status=502))
    sleeps: list[float] = []
    access = make_access(standin, sleeps, attempts=3)

    with pytest.raises(WriteFailed, match=r"HTTP 502: .*\(gave up after 3 attempts\)"):
        access.ensure_group("alpha", "Alpha")

    assert posts(standin, "/api/groups") == 3
    assert sleeps == [RetryPolicy().delay(1), RetryPolicy().delay(2)]
    assert access.records[-1].outcome is Outcome.FAILED


def test_a_write_whose_effect_cannot_be_checked_is_not_resent(
    standin_factory: StandInFactory,
) -> None:
    standin = standin_factory(SEED)
    standin.add_fault(Fault("POST", "/api/groups", status=503))
    standin.add_fault(Fault("GET", "/api/groups/alpha", status=500))
    sleeps: list[float] = []
    access = make_access(standin, sleeps)

    with pytest.raises(WriteFailed, match="could not check whether it took effect"):
        access.ensure_group("alpha", "Alpha")

    assert posts(standin, "/api/groups") == 1
    assert sleeps == []


def test_a_failed_read_is_a_readable_error(standin_factory: StandInFactory) -> None:
    standin = standin_factory(SEED)
    standin.add_fault(Fault("GET", "/api/groups", status=403))
    access = make_access(standin, [])
    with pytest.raises(ReadFailed, match=r"reading groups \(GET /api/groups\) failed: HTTP 403"):
        access.group("nacc")


def test_unknown_groups_roles_and_access_levels(standin_factory: StandInFactory) -> None:
    access = make_access(standin_factory(SEED), [])
    with pytest.raises(UnknownGroup, match="group 'nope' does not exist"):
        access.admins_of("nope")
    with pytest.raises(UnknownRole, match=r"no role labelled 'boss'.*admin, read-only"):
        access.role_id("boss")
    nacc = nacc_of(access)
    with pytest.raises(ValueError, match="group access must be one of"):
        access.ensure_group_permission(nacc, "admin@example.org", "owner")
