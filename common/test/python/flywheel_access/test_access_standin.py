"""FlywheelAccess against the Flywheel stand-in, through the real flywheel-sdk over HTTP.

The scenario is what the project-management gear does for a project file with three centers:
two new ones and one (gamma) that exists with a weaker group permission, a project where an
admin has another role and, with that project's label, an unconfirmed empty one a killed run
left behind, so every operation of the write registry is needed.
"""

from __future__ import annotations

import copy
from collections import Counter
from typing import Any

import flywheel
import pytest

from flywheel_access import WRITE_OPERATIONS, FlywheelAccess, Outcome, RetryPolicy, file_operations
from flywheel_access.same_label import UNCONFIRMED
from flywheel_standin import Fault, StandIn
from gear_pytest.fixtures_standin import StandInFactory

WRITE_METHODS = "POST|PUT|PATCH|DELETE"
ADMINS = ["admin@example.org", "bob@example.org", "carol@example.org"]
CENTERS = [("alpha", "Alpha ADRC"), ("beta", "Beta ADRC"), ("gamma", "Gamma ADRC")]
PROJECTS = ["accepted-tau", "retrospective-form-tau", "ingest-form-tau"]

SEED: dict[str, Any] = {
    "users": [
        {"id": user, "email": user, "firstname": user[0].upper(), "lastname": "X"}
        for user in ADMINS
    ],
    "groups": [
        {
            "id": "nacc",
            "label": "NACC",
            "permissions": [{"id": user, "access": "admin"} for user in ADMINS],
        },
        {
            "id": "gamma",
            "label": "Gamma ADRC",
            "tags": ["old-tag"],
            "permissions": [{"id": "bob@example.org", "access": "rw"}],
            "projects": [
                {
                    "label": "accepted-tau",
                    "info": {"other": 1},
                    "permissions": [{"id": "carol@example.org", "role_ids": ["role-read-only"]}],
                },
                {"label": "accepted-tau", "info": {UNCONFIRMED: True}},
            ],
        },
    ],
}

Sleeps = list[float]


def make_access(standin: StandIn, *, dry_run: bool, sleeps: Sleeps | None = None) -> FlywheelAccess:
    """A FlywheelAccess over a new real SDK client (a new run: empty caches)."""
    retry = RetryPolicy(sleep=(sleeps if sleeps is not None else []).append)
    return FlywheelAccess(flywheel.Client(standin.api_key()), dry_run=dry_run, retry=retry)


def run_scenario(access: FlywheelAccess) -> None:
    """What the gear does: groups, tags, admins, projects with tags, info and admin role."""
    admins = access.admins_of("nacc")
    admin_role = access.role_id("admin")
    for center_id, name in CENTERS:
        group = access.ensure_group(center_id, name)
        access.ensure_group_tags(group, ["new-center", "adrc"])
        for user in admins:
            access.ensure_group_permission(group, user, "admin")
        for project in access.ensure_projects(group, PROJECTS):
            access.ensure_project_tags(project, group.tags)
            access.ensure_project_info(project, {"project-id": "tau"})
            for user in admins:
                access.ensure_project_role(project, user, admin_role)


def comparable(dump: dict[str, Any]) -> dict[str, Any]:
    """A dump without generated project ids, groups and projects in a stable order."""
    state = copy.deepcopy(dump)
    for group in state["groups"]:
        for project in group.get("projects", []):
            project.pop("id", None)
        group["projects"] = sorted(group.get("projects", []), key=lambda p: p["label"])
    state["groups"] = sorted(state["groups"], key=lambda g: g["id"])
    return state


def assert_no_duplicates(dump: dict[str, Any]) -> None:
    group_ids = [g["id"] for g in dump["groups"]]
    assert len(group_ids) == len(set(group_ids))
    for group in dump["groups"]:
        labels = [p["label"] for p in group.get("projects", [])]
        assert len(labels) == len(set(labels)), group["id"]


def run_clean_and_faulty(
    standin_factory: StandInFactory, *faults: Fault
) -> tuple[StandIn, StandIn, FlywheelAccess, Sleeps]:
    """Run the scenario on a clean site and on one with `faults`; assert both end alike.

    Returns the clean site, the faulty one, the faulty run's access and its backoff sleeps.
    """
    clean = standin_factory(SEED)
    run_scenario(make_access(clean, dry_run=False))
    faulty = standin_factory(SEED)
    for fault in faults:
        faulty.add_fault(fault)
    sleeps: Sleeps = []
    access = make_access(faulty, dry_run=False, sleeps=sleeps)
    run_scenario(access)
    assert comparable(faulty.dump()) == comparable(clean.dump())
    assert_no_duplicates(faulty.dump())
    return clean, faulty, access, sleeps


def gets(standin: StandIn, path: str) -> int:
    return sum(1 for r in standin.reads() if r.method == "GET" and r.path == path)


def test_a_real_run_makes_the_whole_structure(standin_factory: StandInFactory) -> None:
    standin = standin_factory(SEED)
    access = make_access(standin, dry_run=False)
    run_scenario(access)

    state = comparable(standin.dump())
    assert_no_duplicates(state)
    groups = {g["id"]: g for g in state["groups"]}
    for center_id, _name in CENTERS:
        group = groups[center_id]
        assert {"new-center", "adrc"} <= set(group["tags"])
        assert {p["id"]: p["access"] for p in group["permissions"]} == dict.fromkeys(
            ADMINS, "admin"
        )
        assert [p["label"] for p in group["projects"]] == sorted(PROJECTS)
        for project in group["projects"]:
            assert project["info"]["project-id"] == "tau"
            assert set(group["tags"]) <= set(project["tags"])
            roles = {p["id"]: p["role_ids"] for p in project["permissions"]}
            assert set(roles) == set(ADMINS)
            assert all("role-admin" in role_ids for role_ids in roles.values())
    assert groups["gamma"]["label"] == "Gamma ADRC"
    gamma_accepted = groups["gamma"]["projects"][0]
    assert gamma_accepted["info"] == {"other": 1, "project-id": "tau"}  # existing info kept
    carol = next(p for p in gamma_accepted["permissions"] if p["id"] == "carol@example.org")
    assert carol["role_ids"] == ["role-read-only", "role-admin"]  # existing role kept
    assert {r.outcome for r in access.records} == {Outcome.DONE, Outcome.ALREADY}


def test_dry_run_of_every_registered_operation_sends_no_write(
    standin_factory: StandInFactory,
) -> None:
    standin = standin_factory(SEED)
    access = make_access(standin, dry_run=True)
    run_scenario(access)

    planned = {r.operation for r in access.records if r.outcome is Outcome.PLANNED}
    # The scenario exercises the whole registry but the file operations (test_files_standin).
    assert planned == set(WRITE_OPERATIONS) - file_operations.NAMES
    assert standin.writes() == []
    assert {r.outcome for r in access.records} == {Outcome.PLANNED, Outcome.ALREADY}
    assert comparable(standin.dump()) == comparable(StandIn(SEED).dump())


def test_the_dry_run_plan_is_what_a_real_run_then_sends(standin_factory: StandInFactory) -> None:
    standin = standin_factory(SEED)
    dry = make_access(standin, dry_run=True)
    run_scenario(dry)
    plan = [(r.operation, r.path, r.payload) for r in dry.records if r.outcome is Outcome.PLANNED]

    standin.clear_requests()
    real = make_access(standin, dry_run=False)
    run_scenario(real)
    done = [(r.operation, r.path, r.payload) for r in real.records if r.outcome is Outcome.DONE]

    assert done == plan
    assert len(standin.writes()) == len(plan)


def test_a_second_run_sends_no_write_and_few_reads(standin_factory: StandInFactory) -> None:
    standin = standin_factory(SEED)
    run_scenario(make_access(standin, dry_run=False))

    standin.clear_requests()
    again = make_access(standin, dry_run=False)
    run_scenario(again)

    assert standin.writes() == []
    assert {r.outcome for r in again.records} == {Outcome.ALREADY}
    reads = Counter((r.method, r.path) for r in standin.reads())
    assert reads == Counter(
        [("GET", "/api/auth/status"), ("GET", "/api/groups"), ("GET", "/api/roles")]
        + [("GET", f"/api/groups/{center}/projects") for center, _ in CENTERS]
    )
    assert sum(reads.values()) <= 2 * len(CENTERS) + 3


def test_one_group_listing_and_one_role_listing_per_run(standin_factory: StandInFactory) -> None:
    standin = standin_factory(SEED)
    access = make_access(standin, dry_run=False)
    run_scenario(access)
    assert access.group("alpha") is not None
    assert access.group("nowhere") is None
    access.role_id("read-only")

    assert gets(standin, "/api/groups") == 1
    assert gets(standin, "/api/roles") == 1
    # no project is read on its own: a batch of creations is re-read by one group listing
    assert not [r for r in standin.reads() if r.path.startswith("/api/projects/")]


def test_a_run_from_empty_reads_at_most_two_requests_per_center(
    standin_factory: StandInFactory,
) -> None:
    standin = standin_factory(SEED)
    run_scenario(make_access(standin, dry_run=False))

    reads = Counter((r.method, r.path) for r in standin.reads())
    new_groups = ["alpha", "beta"]  # gamma exists in the seed
    assert reads == Counter(
        [("GET", "/api/auth/status"), ("GET", "/api/groups"), ("GET", "/api/roles")]
        # a new group: re-read once after its creation, its projects listed once after theirs
        + [("GET", f"/api/groups/{center}") for center in new_groups]
        + [("GET", f"/api/groups/{center}/projects") for center in new_groups]
        # gamma: its projects listed once before, and once after creating the two missing ones
        + [("GET", "/api/groups/gamma/projects")] * 2
    )
    assert sum(reads.values()) <= 2 * len(CENTERS) + 3


def test_dry_run_over_a_new_group_reads_no_projects(standin_factory: StandInFactory) -> None:
    standin = standin_factory(SEED)
    access = make_access(standin, dry_run=True)
    group = access.ensure_group("delta", "Delta")
    [project] = access.ensure_projects(group, ["accepted"])
    access.ensure_project_tags(project, ["x"])

    assert group.planned and project.planned and project.id is None
    assert gets(standin, "/api/groups/delta/projects") == 0
    assert [r.operation for r in access.records] == [
        "create_group",
        "create_project",
        "confirm_project",
        "add_project_tag",
    ]


def test_every_third_write_failing_after_it_was_applied_changes_nothing(
    standin_factory: StandInFactory,
) -> None:
    clean, faulty, access, sleeps = run_clean_and_faulty(
        standin_factory, Fault(WRITE_METHODS, r".*", every=3, when="after")
    )
    writes = faulty.writes()
    assert len(writes) == len(clean.writes())  # each write sent once: no re-sends
    # The faults fired on exactly every third write, whatever its method, and only there.
    failed = [i for i, r in enumerate(writes) if r.status == 503]
    assert len(failed) == len(writes) // 3 > 0
    assert failed == list(range(2, len(writes), 3))
    assert all(r.status < 300 for i, r in enumerate(writes) if i % 3 != 2)
    assert {r.method for r in writes if r.status == 503} == {"POST", "PUT", "PATCH", "DELETE"}
    assert sleeps == []  # a write that took effect is never retried
    assert {r.outcome for r in access.records} == {Outcome.DONE, Outcome.ALREADY}


def test_writes_refused_before_they_apply_are_retried_to_the_same_state(
    standin_factory: StandInFactory,
) -> None:
    clean, faulty, _access, sleeps = run_clean_and_faulty(
        standin_factory,
        Fault("POST", r"/api/(groups|projects)(/.*)?", every=4, status=429),
        Fault("POST", r"/api/projects", nth=2, drop=True, when="after"),
    )
    refused = [r for r in faulty.writes() if r.status == 429]
    assert refused and len(sleeps) == len(refused)
    assert len(faulty.writes()) == len(clean.writes()) + len(refused)


def test_paged_group_listing_reads_every_group(standin_factory: StandInFactory) -> None:
    many = [{"id": f"g{n:03d}", "label": f"G {n}"} for n in range(260)]
    standin = standin_factory({"groups": many})
    access = make_access(standin, dry_run=True)
    assert access.group("g000") is not None
    assert access.group("g259") is not None
    assert len(access.reader.groups()) == 260
    listings = [r for r in standin.reads() if r.path == "/api/groups"]
    assert len(listings) == 2
    assert listings[1].query.get("after_id") == ["g249"]


@pytest.mark.parametrize("dry_run", [True, False])
def test_existing_access_is_never_downgraded(
    standin_factory: StandInFactory, dry_run: bool
) -> None:
    standin = standin_factory(SEED)
    access = make_access(standin, dry_run=dry_run)
    nacc = access.group("nacc")
    assert nacc is not None
    access.ensure_group_permission(nacc, "bob@example.org", "ro")
    assert [(r.operation, r.outcome) for r in access.records] == [
        ("add_group_permission", Outcome.ALREADY)
    ]
    assert standin.writes() == []
