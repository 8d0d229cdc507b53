"""The real flywheel-sdk against the stand-in: session, users, roles, groups, errors, keys."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from typing import Any

import flywheel
import pytest

from flywheel_standin import Hold, StandIn
from gear_pytest.fixtures_standin import StandInFactory


def raw_get(standin: StandIn, path: str, headers: dict[str, str] | None = None) -> Any:
    """A GET without the SDK, to see the exact wire body."""
    request = urllib.request.Request(
        standin.url + path,
        headers={"Authorization": "scitran-user k", **(headers or {})},
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.loads(response.read())


def test_client_construction_checks_auth_status(standin: StandIn) -> None:
    client = flywheel.Client(standin.api_key())
    assert [(r.method, r.path) for r in standin.requests] == [("GET", "/api/auth/status")]
    assert client.get_current_user().id == "admin@example.org"
    status = client.get_auth_status()
    assert status.user_id == "admin@example.org"
    assert status.user_is_admin is True
    assert {r.key for r in standin.requests} == {"standin-key"}  # the key each one carried


@pytest.mark.filterwarnings("ignore:The UserOutput model has been deprecated")
def test_users_find_filters_and_pages(standin_factory: StandInFactory) -> None:
    users = [{"id": f"u{i}@x.org", "email": f"u{i}@x.org"} for i in range(5)]
    standin = standin_factory({"users": users})
    client = flywheel.Client(standin.api_key())
    assert [u.id for u in client.users.find("email=u3@x.org")] == ["u3@x.org"]
    assert [u.id for u in client.users.iter_find(limit=2)] == [u["id"] for u in users]


def test_roles_are_listed_with_their_default_role(fw_client: Any) -> None:
    roles = {r.label: r for r in fw_client.get_all_roles()}
    assert set(roles) == {"admin", "read-write", "read-only"}
    assert roles["admin"].id == "role-admin"
    assert roles["read-only"].default_flywheel_role.value == "ro"


def test_add_group_then_duplicate_is_409(fw_client: Any, standin: StandIn) -> None:
    assert fw_client.add_group(flywheel.Group(id="alpha", label="Alpha")) == "alpha"
    group = fw_client.get_group("alpha")
    assert group.label == "Alpha"
    assert [(p.id, p.access.value) for p in group.permissions] == [("admin@example.org", "admin")]
    assert group.roles == ["role-admin", "role-read-write", "role-read-only"]
    with pytest.raises(flywheel.ApiException) as err:
        fw_client.add_group(flywheel.Group(id="alpha", label="Again"))
    assert err.value.status == 409
    assert "already exists" in err.value.reason
    assert fw_client.get_group("alpha").label == "Alpha"


@pytest.mark.parametrize("bad_id", ["Alpha", "a", "has space", "-dash"])
def test_add_group_with_invalid_id_is_400(fw_client: Any, bad_id: str) -> None:
    with pytest.raises(flywheel.ApiException) as err:
        fw_client.add_group(flywheel.Group(id=bad_id, label="x"))
    assert err.value.status == 400


@pytest.mark.parametrize("good_id", ["ab", "lab@site.org", "a.b_c-d", "0" * 64])
def test_add_group_accepts_every_id_flywheels_rule_allows(
    fw_client: Any, standin: StandIn, good_id: str
) -> None:
    assert fw_client.add_group(flywheel.Group(id=good_id, label="x")) == good_id
    assert fw_client.get_group(good_id).id == good_id
    assert good_id in {group["id"] for group in standin.dump()["groups"]}


@pytest.mark.parametrize("bad_id", ["@lab", "lab@", "0" * 65, "a!b", "Lab@site.org"])
def test_add_group_refuses_ids_outside_flywheels_rule(fw_client: Any, bad_id: str) -> None:
    with pytest.raises(flywheel.ApiException) as err:
        fw_client.add_group(flywheel.Group(id=bad_id, label="x"))
    assert err.value.status == 400
    assert "Invalid group id" in err.value.reason


def test_missing_group_is_404_with_a_json_message(fw_client: Any) -> None:
    with pytest.raises(flywheel.ApiException) as err:
        fw_client.get_group("nope")
    assert err.value.status == 404
    assert err.value.reason == "group 'nope' not found"


def test_group_update_tags_and_listing(fw_client: Any, standin: StandIn) -> None:
    for gid in ("b-group", "a-group", "c-group"):
        fw_client.add_group(flywheel.Group(id=gid, label=gid.upper()))
    group = fw_client.get_group("b-group")
    group.update(label="Bee")
    group.add_tag("blue")
    with pytest.raises(flywheel.ApiException) as err:
        group.add_tag("blue")
    assert err.value.status == 409
    reloaded = fw_client.get_group("b-group")
    assert (reloaded.label, reloaded.tags, reloaded.revision) == ("Bee", ["blue"], 3)
    assert [g.id for g in fw_client.get_all_groups()] == ["a-group", "b-group", "c-group"]
    assert [g.id for g in fw_client.groups.find("label=Bee")] == ["b-group"]
    assert [g.id for g in fw_client.groups.find(after_id="a-group", limit=1)] == ["b-group"]


def test_group_permissions_with_url_encoded_user(standin_factory: StandInFactory) -> None:
    standin = standin_factory(
        {
            "users": [{"id": "admin@example.org"}, {"id": "u+1@x.org"}],
            "groups": [{"id": "grp", "label": "G"}],
        }
    )
    client = flywheel.Client(standin.api_key())
    group = client.get_group("grp")
    group.add_permission(flywheel.AccessPermission(id="u+1@x.org", access="ro"))
    with pytest.raises(flywheel.ApiException) as err:
        group.add_permission(flywheel.AccessPermission(id="u+1@x.org", access="rw"))
    assert err.value.status == 409
    client.modify_group_user_permission("grp", "u+1@x.org", {"access": "rw"})
    assert standin.requests[-1].path == "/api/groups/grp/permissions/u%2B1%40x.org"
    access = {p.id: p.access.value for p in client.get_group("grp").permissions}
    assert access == {"u+1@x.org": "rw"}
    with pytest.raises(flywheel.ApiException) as unknown:
        group.add_permission(flywheel.AccessPermission(id="ghost@x.org", access="ro"))
    assert unknown.value.status == 404


def test_group_role_pool(standin_factory: StandInFactory) -> None:
    standin = standin_factory({"groups": [{"id": "grp", "label": "G", "roles": []}]})
    client = flywheel.Client(standin.api_key())
    assert client.get_all_group_roles("grp") == []
    role = client.add_role_to_group("grp", {"_id": "role-read-only"})
    assert role.label == "read-only"
    assert [r.id for r in client.get_all_group_roles("grp")] == ["role-read-only"]
    with pytest.raises(flywheel.ApiException) as err:
        client.add_role_to_group("grp", {"_id": "no-such-role"})
    assert err.value.status == 404


def test_unknown_route_is_404_json(standin: StandIn) -> None:
    with pytest.raises(urllib.error.HTTPError) as err:
        raw_get(standin, "/api/nothing/here")
    assert err.value.code == 404
    assert json.loads(err.value.read()) == {
        "message": "No such endpoint: GET /api/nothing/here",
        "status": 404,
    }


def test_lists_are_plain_unless_pagination_is_asked_for(standin_factory: StandInFactory) -> None:
    standin = standin_factory({"groups": [{"id": f"g{i}", "label": "G"} for i in range(3)]})
    plain = raw_get(standin, "/api/groups?limit=2")
    assert [g["_id"] for g in plain] == ["g0", "g1"]
    page = raw_get(standin, "/api/groups?limit=2", {"X-Accept-Feature": "pagination"})
    assert (page["count"], page["total"]) == (2, 3)
    assert [g["_id"] for g in page["results"]] == ["g0", "g1"]


def test_seeded_keys_reject_other_keys(standin_factory: StandInFactory) -> None:
    standin = standin_factory({"keys": ["good-key"]})
    with pytest.raises(flywheel.ApiException) as err:
        flywheel.Client(standin.api_key("wrong-key"))
    assert err.value.status == 401
    assert "wrong-key" not in str(err.value)
    assert standin.requests[-1].status == 401
    assert flywheel.Client(standin.api_key("good-key")).get_current_user().id


def test_the_default_key_is_one_the_seed_accepts(standin_factory: StandInFactory) -> None:
    keyed = standin_factory({"keys": ["good-key", "other-key"]})
    assert not keyed.accepts_any_key
    assert keyed.api_key().endswith(":__force_insecure:good-key")
    assert flywheel.Client(keyed.api_key()).get_current_user().id


def test_any_key_works_without_seeded_keys(standin: StandIn) -> None:
    assert standin.accepts_any_key
    assert flywheel.Client(standin.api_key("whatever")).get_current_user().id
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(standin.url + "/api/auth/status", timeout=5)
    assert err.value.code == 401


def test_a_held_write_waits_while_other_requests_are_served(
    standin_factory: StandInFactory,
) -> None:
    standin = standin_factory()
    hold = standin.add_hold(Hold.write(1))
    client = flywheel.Client(standin.api_key())
    writer = threading.Thread(target=client.add_group, args=({"_id": "alpha", "label": "A"},))
    writer.start()
    assert hold.wait_held(timeout=30)
    assert client.get_current_user().id  # served while the write is held
    assert standin.writes() == []  # held before it takes effect
    hold.release()
    writer.join(timeout=30)
    assert [(r.method, r.path, r.status) for r in standin.writes()] == [
        ("POST", "/api/groups", 200)
    ]
