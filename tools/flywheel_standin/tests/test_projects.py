"""Projects through the real flywheel-sdk: create, find, page, tags, info, permissions, lookup."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import flywheel
import pytest

from flywheel_standin import StandIn
from gear_pytest.fixtures_standin import StandInFactory

SEED: dict[str, Any] = {
    "users": [{"id": "admin@example.org"}, {"id": "u@x.org"}],
    "groups": [
        {
            "id": "grp",
            "label": "G",
            "projects": [
                {"label": "proj", "tags": ["t"], "info": {"a": 1}},
                {"label": "other"},
            ],
        },
        {"id": "grp2", "label": "G2", "projects": [{"label": "proj"}]},
    ],
}


@pytest.fixture
def seeded(standin_factory: StandInFactory) -> StandIn:
    return standin_factory(SEED)


@pytest.fixture
def client(seeded: StandIn) -> Any:
    return flywheel.Client(seeded.api_key())


def test_add_project_then_get(client: Any, seeded: StandIn) -> None:
    project = client.get_group("grp").add_project(label="new")
    assert (project.label, project.group, project.parents.group) == ("new", "grp", "grp")
    assert [(p.id, p.role_ids) for p in project.permissions] == [
        ("admin@example.org", ["role-admin"])
    ]
    assert seeded.writes()[-1].body == {"label": "new", "group": "grp"}
    assert client.get_project(project.id).label == "new"


def test_duplicate_project_labels_are_allowed_like_real_flywheel(client: Any) -> None:
    first = client.add_project({"label": "proj", "group": "grp"})
    assert first != client.add_project({"label": "proj", "group": "grp"})
    assert len(client.projects.find("group=grp,label=proj")) == 3


def test_add_project_to_missing_group_is_404(client: Any) -> None:
    with pytest.raises(flywheel.ApiException) as err:
        client.add_project({"label": "x", "group": "nope"})
    assert err.value.status == 404


def test_find_filters_by_label_and_group(client: Any, seeded: StandIn) -> None:
    assert [p.group for p in client.projects.find("label=proj")] == ["grp", "grp2"]
    assert client.projects.find_first("group=grp2,label=proj").group == "grp2"
    assert client.projects.find_first("label=missing") is None
    assert [p.label for p in client.get_group("grp").projects.find("label=other")] == ["other"]
    first = seeded.reads()[-2]
    assert first.query == {"filter": ["label=other"], "limit": ["250"]}


def test_list_shape_leaves_out_info_but_keeps_tags_and_permissions(client: Any) -> None:
    listed = client.projects.find_first("label=proj")
    assert listed.info is None
    assert listed.info_exists is True
    assert listed.tags == ["t"]
    assert listed.permissions == []
    full = client.get_project(listed.id)
    assert full.info == {"a": 1}


def test_finder_pages_with_after_id_across_pages(standin_factory: StandInFactory) -> None:
    projects = [{"label": f"p{i:03d}"} for i in range(600)]
    standin = standin_factory({"groups": [{"id": "big", "label": "Big", "projects": projects}]})
    client = flywheel.Client(standin.api_key())
    found = client.get_group("big").projects.find()
    assert [p.label for p in found] == [p["label"] for p in projects]
    calls = [r for r in standin.reads() if r.path == "/api/groups/big/projects"]
    assert [len(c.query.get("after_id", [])) for c in calls] == [0, 1, 1, 1]
    assert all(c.query["limit"] == ["250"] for c in calls)
    assert len(client.projects.find("group=big")) == 600


def test_project_tags_update_and_info(client: Any) -> None:
    project = client.lookup("grp/other")
    project.add_tag("qc")
    with pytest.raises(flywheel.ApiException) as err:
        project.add_tag("qc")
    assert err.value.status == 409
    project.update(description="described")
    project.update_info({"x": {"y": 1}, "z": 2})
    project.delete_info("z")
    reloaded = project.reload()
    assert (reloaded.tags, reloaded.description) == (["qc"], "described")
    assert reloaded.info == {"x": {"y": 1}}
    project.replace_info({"only": True})
    assert project.reload().info == {"only": True}
    project.delete_tag("qc")
    assert project.reload().tags == []


def test_project_permissions_with_url_encoded_user(client: Any, seeded: StandIn) -> None:
    project = client.lookup("grp/proj")
    project.add_permission(flywheel.RolePermission(id="u@x.org", role_ids=["role-read-only"]))
    project.update_permission("u@x.org", flywheel.RolePermissionUpdate(role_ids=["role-admin"]))
    assert seeded.requests[-1].path.endswith("/permissions/u%40x.org")
    assert project.get_permission("u@x.org").role_ids == ["role-admin"]
    with pytest.raises(flywheel.ApiException) as err:
        project.add_permission(flywheel.RolePermission(id="u@x.org", role_ids=["role-admin"]))
    assert err.value.status == 409
    with pytest.raises(flywheel.ApiException) as bad_role:
        project.update_permission("u@x.org", flywheel.RolePermissionUpdate(role_ids=["nope"]))
    assert bad_role.value.status == 404
    project.delete_permission("u@x.org")
    assert project.reload().permissions == []


def test_lookup_finds_groups_and_projects_and_404s(client: Any) -> None:
    assert client.lookup("grp").label == "G"
    node = client.lookup("grp2/proj")
    assert (node.container_type, node.group) == ("project", "grp2")
    with pytest.raises(flywheel.ApiException) as err:
        client.lookup("grp/missing")
    assert err.value.status == 404
    with pytest.raises(flywheel.ApiException):
        client.lookup("nope")


def test_resolve_lists_children(client: Any) -> None:
    resolved = client.resolve("grp")
    assert [c.label for c in resolved.children] == ["proj", "other"]
    assert [n.id for n in resolved.path] == ["grp"]


def test_concurrent_creates_get_distinct_ids(client: Any, seeded: StandIn) -> None:
    def create(i: int) -> str:
        return str(client.add_project({"label": f"c{i}", "group": "grp"}))

    with ThreadPoolExecutor(max_workers=8) as pool:
        ids = list(pool.map(create, range(40)))
    assert len(set(ids)) == 40
    assert len(client.get_group("grp").projects()) == 42
    assert len(seeded.writes()) == 40


def test_same_label_projects_have_their_own_ids_and_created_times(client: Any) -> None:
    first = client.add_project({"label": "twin", "group": "grp"})
    second = client.add_project({"label": "twin", "group": "grp"})
    twins = [p for p in client.get_group_projects("grp") if p.label == "twin"]
    assert [p.id for p in twins] == [first, second]
    assert twins[0].created < twins[1].created  # set once, by the server, in creation order


def test_a_deleted_project_is_gone_and_a_second_delete_is_404(client: Any) -> None:
    project_id = client.add_project({"label": "gone", "group": "grp"})
    assert client.delete_project(project_id).deleted == 1
    assert "gone" not in [p.label for p in client.get_group_projects("grp")]
    for call in (client.get_project, client.delete_project):
        with pytest.raises(flywheel.ApiException) as raised:
            call(project_id)
        assert raised.value.status == 404
