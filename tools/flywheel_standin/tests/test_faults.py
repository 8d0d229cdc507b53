"""Injected faults, seen through the real flywheel-sdk (no retries: the plugin sets them off)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flywheel
import httpx2
import pytest

from flywheel_standin import Fault, StandIn
from gear_pytest.fixtures_standin import StandInFactory

SEED: dict[str, Any] = {"groups": [{"id": "grp", "label": "G", "projects": [{"label": "p"}]}]}


@pytest.fixture
def seeded(standin_factory: StandInFactory) -> StandIn:
    return standin_factory(SEED)


@pytest.fixture
def client(seeded: StandIn) -> Any:
    return flywheel.Client(seeded.api_key())


def labels(standin: StandIn) -> list[str]:
    return [p["label"] for p in standin.dump()["groups"][0]["projects"]]


def test_before_fault_answers_the_status_and_changes_nothing(client: Any, seeded: StandIn) -> None:
    seeded.add_fault(Fault("POST", "/api/projects", status=500))
    with pytest.raises(flywheel.ApiException) as err:
        client.add_project({"label": "new", "group": "grp"})
    assert err.value.status == 500
    assert labels(seeded) == ["p"]
    last = seeded.requests[-1]
    assert (last.status, last.body) == (500, {"label": "new", "group": "grp"})
    assert seeded.writes() == [last]


def test_after_fault_applies_the_write_and_the_client_sees_503(
    client: Any, seeded: StandIn
) -> None:
    seeded.add_fault(Fault("POST", "/api/projects", when="after"))
    with pytest.raises(flywheel.ApiException) as err:
        client.add_project({"label": "new", "group": "grp"})
    assert err.value.status == 503
    assert labels(seeded) == ["p", "new"]


def test_after_fault_with_drop_applies_the_write_and_closes_the_connection(
    client: Any, seeded: StandIn
) -> None:
    project = client.lookup("grp/p")
    seeded.add_fault(Fault("POST", r"/api/projects/[0-9a-f]+/tags", when="after", drop=True))
    with pytest.raises(httpx2.TransportError):
        project.add_tag("qc")
    assert seeded.requests[-1].status == 0
    assert client.get_project(project.id).tags == ["qc"]


def test_before_fault_with_drop_changes_nothing(client: Any, seeded: StandIn) -> None:
    seeded.add_fault(Fault("POST", "/api/groups", drop=True))
    with pytest.raises(httpx2.TransportError):
        client.add_group(flywheel.Group(id="newgrp", label="N"))
    assert [g["id"] for g in seeded.dump()["groups"]] == ["grp"]


def test_nth_fails_only_that_matching_request(client: Any, seeded: StandIn) -> None:
    seeded.add_fault(Fault("GET", "/api/groups/grp", nth=2))
    client.get_group("grp")
    client.get_all_roles()  # not matching: not counted
    with pytest.raises(flywheel.ApiException):
        client.get_group("grp")
    client.get_group("grp")
    statuses = [r.status for r in seeded.requests if r.path == "/api/groups/grp"]
    assert statuses == [200, 503, 200]


def test_every_kth_matching_request_fails(client: Any, seeded: StandIn) -> None:
    seeded.add_fault(Fault("*", r"/api/groups/.*", every=3, status=429))
    outcomes = []
    for _ in range(7):
        try:
            client.get_group("grp")
            outcomes.append("ok")
        except flywheel.ApiException as err:
            outcomes.append(str(err.status))
    assert outcomes == ["ok", "ok", "429", "ok", "ok", "429", "ok"]


def test_path_regex_also_matches_the_decoded_path(client: Any, seeded: StandIn) -> None:
    project = client.lookup("grp/p")
    seeded.add_fault(Fault("PUT", r"/api/projects/\w+/permissions/admin@example\.org"))
    with pytest.raises(flywheel.ApiException) as err:
        project.update_permission(
            "admin@example.org", flywheel.RolePermissionUpdate(role_ids=["role-admin"])
        )
    assert err.value.status == 503


def test_clear_faults_restores_service(client: Any, seeded: StandIn) -> None:
    seeded.add_fault(Fault("GET", "/api/groups/grp"))
    with pytest.raises(flywheel.ApiException):
        client.get_group("grp")
    seeded.clear_faults()
    assert client.get_group("grp").label == "G"


def test_fault_arguments_are_checked() -> None:
    with pytest.raises(ValueError, match="nth or every"):
        Fault("GET", "/x", nth=1, every=2)
    with pytest.raises(ValueError, match="count from 1"):
        Fault("GET", "/x", nth=0)


@pytest.mark.parametrize("method", ["POST|PUT|PATCH|DELETE", frozenset({"post", "put", "patch"})])
def test_one_fault_counts_several_methods_together(
    standin_factory: StandInFactory, method: str | frozenset[str]
) -> None:
    admin = {"id": "admin@example.org", "role_ids": ["role-read-only"]}
    seeded = standin_factory(
        {
            "groups": [
                {"id": "grp", "label": "G", "projects": [{"label": "p", "permissions": [admin]}]}
            ]
        }
    )
    client = flywheel.Client(seeded.api_key())
    project = client.lookup("grp/p")  # a POST, but /api/lookup is outside the path regex
    seeded.clear_requests()
    seeded.add_fault(Fault(method, r"/api/(groups|projects)(/.*)?", every=2, when="after"))
    calls: list[Callable[[], Any]] = [
        lambda: project.add_tag("a"),  # POST 1
        lambda: client.get_project(project.id),  # GET: not counted
        lambda: client.modify_project_info(project.id, flywheel.Info(set={"k": 1})),  # PATCH 2
        lambda: project.update_permission(  # PUT 3
            "admin@example.org", flywheel.RolePermissionUpdate(role_ids=["role-admin"])
        ),
        lambda: project.add_tag("b"),  # POST 4
    ]
    for call in calls:
        try:
            call()
        except flywheel.ApiException as err:
            assert err.status == 503
    assert [(r.method, r.status) for r in seeded.requests] == [
        ("POST", 200),
        ("GET", 200),
        ("PATCH", 503),
        ("PUT", 200),
        ("POST", 503),
    ]
    fresh = client.get_project(project.id)  # every write took effect despite the 503s
    assert (fresh.tags, fresh.info) == (["a", "b"], {"k": 1})
    assert fresh.permissions[0].role_ids == ["role-admin"]


def test_a_single_method_and_the_wildcard_still_work() -> None:
    assert Fault("patch", "/x").matches("PATCH", "/x", "/x")
    assert not Fault("PATCH", "/x").matches("PUT", "/x", "/x")
    assert Fault("*", "/x").matches("GET", "/x", "/x")
    writes = Fault("POST|PUT", "/x")
    assert writes.matches("put", "/x", "/x") and not writes.matches("GET", "/x", "/x")


def test_method_names_are_checked() -> None:
    with pytest.raises(ValueError, match="cannot be combined"):
        Fault("*|POST", "/x")
    with pytest.raises(ValueError, match="at least one name"):
        Fault("POST|", "/x")
    with pytest.raises(ValueError, match="at least one name"):
        Fault(frozenset(), "/x")
