"""The write choke point in a dry run: every registered operation is planned, none is sent."""

from __future__ import annotations

from typing import Any, NoReturn

import pytest

from flywheel_access import WRITE_OPERATIONS, Outcome, RetryPolicy
from flywheel_access.reader import FlywheelReader
from flywheel_access.views import FileView, GroupView, ProjectView
from flywheel_access.writer import Writer


class RefusingClient:
    """A client on which any use at all fails the test."""

    def __getattr__(self, name: str) -> NoReturn:
        raise AssertionError(f"a dry run used the client: {name}")


def target_for(kind: type[Any]) -> GroupView | ProjectView:
    if kind is GroupView:
        return GroupView(id="alpha", label="Alpha")
    return ProjectView(
        group_id="alpha", label="accepted", id="p1", files={"a.csv": FileView("a.csv")}
    )


PAYLOADS: dict[str, dict[str, Any]] = {
    "create_group": {"id": "alpha", "label": "Alpha"},
    "add_group_tag": {"tag": "t"},
    "add_group_permission": {"user": "u@x.org", "access": "admin"},
    "update_group_permission": {"user": "u@x.org", "access": "admin"},
    "create_project": {"group": "alpha", "label": "accepted"},
    "delete_project": {"id": "p1"},
    "confirm_project": {"delete": ["flywheel-access-unconfirmed"]},
    "add_project_tag": {"tag": "t"},
    "set_project_info": {"info": {"project-id": "tau"}},
    "add_project_permission": {"user": "u@x.org", "role_ids": ["r"]},
    "update_project_permission": {"user": "u@x.org", "role_ids": ["r", "s"]},
    "upload_file": {"file": "a.csv", "size": 2, "hash": "v0-sha384-00", "local_path": "/no/a.csv"},
    "add_file_tag": {"file": "a.csv", "tag": "t"},
    "set_file_info": {"file": "a.csv", "info": {"source": {"rows": 1}}},
}


def test_every_registered_operation_has_a_payload_here() -> None:
    assert set(PAYLOADS) == set(WRITE_OPERATIONS)


@pytest.mark.parametrize("name", sorted(WRITE_OPERATIONS))
def test_dry_run_plans_and_sends_nothing(name: str) -> None:
    client = RefusingClient()
    writer = Writer(client, FlywheelReader(client), dry_run=True, retry=RetryPolicy())
    target = target_for(WRITE_OPERATIONS[name].target_type)
    record = writer.submit(name, target, PAYLOADS[name])
    assert record.outcome is Outcome.PLANNED
    assert writer.records == [record]
    assert record.path == target.path


def test_a_target_of_the_wrong_kind_is_a_bug() -> None:
    client = RefusingClient()
    writer = Writer(client, FlywheelReader(client), dry_run=True, retry=RetryPolicy())
    with pytest.raises(TypeError, match="create_project needs a ProjectView"):
        writer.submit("create_project", GroupView(id="alpha", label="A"), {"label": "x"})


def test_dry_run_and_retry_are_keyword_only() -> None:
    # A positional `True` in the wrong place must not silently turn a run into a dry run.
    client = RefusingClient()
    with pytest.raises(TypeError):
        Writer(client, FlywheelReader(client), True, RetryPolicy())  # type: ignore[call-arg]
