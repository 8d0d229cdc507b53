"""Views built from the SDK's models and from raw JSON (Page results), and access levels."""

from __future__ import annotations

import flywheel

from flywheel_access.records import Outcome, PlanRecord, WriteFailed
from flywheel_access.views import (
    GroupView,
    ProjectView,
    access_covers,
    group_from_sdk,
    project_from_sdk,
    sdk_items,
)


def test_group_from_an_sdk_model() -> None:
    model = flywheel.GroupOutput(
        id="alpha",
        label="Alpha ADRC",
        tags=["new-center"],
        permissions=[
            flywheel.AccessPermission(id="a@x.org", access="admin"),
            flywheel.AccessPermission(id="r@x.org", access="ro"),
        ],
    )
    view = group_from_sdk(model)
    assert view == GroupView(
        id="alpha",
        label="Alpha ADRC",
        tags=["new-center"],
        permissions={"a@x.org": "admin", "r@x.org": "ro"},
    )
    assert view.admins() == ["a@x.org"]
    assert view.path == "alpha"


def test_project_from_raw_json_of_a_page() -> None:
    page = {
        "count": 1,
        "total": 1,
        "results": [
            {
                "_id": "p1",
                "label": "accepted-tau",
                "group": "alpha",
                "tags": ["t"],
                "info": {"project-id": "tau"},
                "permissions": [{"_id": "a@x.org", "role_ids": ["role-admin"]}],
            }
        ],
    }
    [item] = sdk_items(page)
    view = project_from_sdk(item)
    assert view == ProjectView(
        group_id="alpha",
        label="accepted-tau",
        id="p1",
        tags=["t"],
        info={"project-id": "tau"},
        roles={"a@x.org": ["role-admin"]},
    )
    assert view.path == "alpha/accepted-tau"


def test_project_list_entry_without_info_or_permissions() -> None:
    view = project_from_sdk(flywheel.ProjectListOutput(id="p2", label="x"), "beta")
    assert (view.group_id, view.info, view.roles, view.tags) == ("beta", {}, {}, [])


def test_list_shapes() -> None:
    assert sdk_items(None) == []
    assert sdk_items([1, 2]) == [1, 2]
    assert sdk_items({"results": None}) == []


def test_access_levels_are_ordered() -> None:
    assert access_covers("admin", "rw")
    assert access_covers("rw", "rw")
    assert not access_covers("ro", "rw")
    assert not access_covers(None, "ro")
    assert not access_covers("owner", "ro")


def test_write_failed_names_operation_path_and_reason() -> None:
    record = PlanRecord("add_group_tag", "alpha", {"tag": "x"}, Outcome.FAILED, "HTTP 403: no")
    error = WriteFailed(record)
    assert str(error) == "add_group_tag on alpha failed: HTTP 403: no"
    assert error.record is record
    assert record.as_dict() == {
        "operation": "add_group_tag",
        "path": "alpha",
        "payload": {"tag": "x"},
        "outcome": "failed",
        "reason": "HTTP 403: no",
    }
