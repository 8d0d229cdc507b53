"""The same-label rule, alone and as FlywheelAccess applies it against the stand-in."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import flywheel
import pytest

from flywheel_access import FlywheelAccess, Outcome
from flywheel_access.same_label import UNCONFIRMED, by_label, settle
from flywheel_access.views import GroupView, ProjectView, holds_data, timestamp
from flywheel_standin import StandIn
from gear_pytest.fixtures_standin import StandInFactory

T0 = datetime(2024, 1, 1, tzinfo=timezone.utc)


def view(ident: str, seconds: int | None, *, unconfirmed: bool = False, data: bool = False) -> Any:
    return ProjectView(
        group_id="g",
        label="accepted",
        id=ident,
        created=None if seconds is None else T0 + timedelta(seconds=seconds),
        info={UNCONFIRMED: True} if unconfirmed else {},
        holds_data=data,
    )


def test_the_oldest_created_wins_whatever_the_order_listed() -> None:
    old, new = view("ff", 1), view("00", 2)
    assert settle([new, old]).winner is old
    assert settle([old, new]).winner is old


def test_equal_created_times_fall_back_to_the_smallest_id_and_unknown_times_lose() -> None:
    a, b, unknown = view("0a", 5), view("0b", 5), view("00", None)
    assert settle([unknown, b, a]).winner is a


def test_unconfirmed_empty_losers_are_removable_and_every_other_loser_is_foreign() -> None:
    winner = view("01", 1, unconfirmed=True)
    removable = view("02", 2, unconfirmed=True)
    by_hand = view("03", 3)
    used = view("04", 4, unconfirmed=True, data=True)
    settled = settle([used, by_hand, removable, winner])
    assert settled.winner is winner
    assert settled.removable == [removable]
    assert settled.foreign == [by_hand, used]
    problem = settled.problem()
    assert problem is not None and "\n" not in problem
    assert problem == (
        "group g has 3 projects labelled 'accepted' (the oldest, 01, is used; not made by"
        " this gear or holding data: 03, 04): merge or delete the extra ones by hand, then"
        " re-run"
    )
    assert settle([winner, removable]).problem() is None


def test_settle_needs_a_project_and_by_label_orders_each_label() -> None:
    with pytest.raises(ValueError):
        settle([])
    late, early = view("01", 9), view("02", 1)
    assert by_label([late, early]) == {"accepted": [early, late]}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-01-01T00:00:01Z", T0 + timedelta(seconds=1)),
        ("2024-01-01T00:00:01", T0 + timedelta(seconds=1)),  # naive: Flywheel's UTC
        (T0, T0),
        ("yesterday", None),
        (None, None),
    ],
)
def test_server_times_are_read_as_aware_datetimes(value: Any, expected: Any) -> None:
    assert timestamp(value) == expected


@pytest.mark.parametrize(
    ("project", "expected"),
    [
        ({"files": [], "analyses": [], "notes": []}, False),
        ({"files": [{"name": "a.csv"}]}, True),
        ({"notes": [{"text": "n"}]}, True),
        ({"stats": {"number_of": {"subjects": 0, "sessions": 0}}}, False),
        ({"stats": {"number_of": {"subjects": 2}}}, True),
    ],
)
def test_holding_data_means_files_analyses_notes_or_children(
    project: dict[str, Any], expected: bool
) -> None:
    assert holds_data(project) is expected


# -- applied by FlywheelAccess, against the stand-in ---------------------------------------------

SEED: dict[str, Any] = {
    "groups": [
        {
            "id": "g",
            "label": "G",
            "projects": [
                {"label": "by-hand", "info": {"made": "first"}},
                {"label": "by-hand", "info": {"made": "second"}},
                {"label": "left", "info": {UNCONFIRMED: True}},
                {"label": "left", "info": {UNCONFIRMED: True}},
            ],
        }
    ]
}


def access_to_g(site: StandIn, *, dry_run: bool) -> tuple[FlywheelAccess, GroupView]:
    """A new run's FlywheelAccess on `site`, and its view of group g."""
    access = FlywheelAccess(flywheel.Client(site.api_key()), dry_run=dry_run)
    group = access.group("g")
    assert group is not None
    return access, group


def test_duplicates_by_hand_are_reported_and_left_while_unconfirmed_ones_settle(
    standin_factory: StandInFactory,
) -> None:
    site = standin_factory(SEED)
    access, group = access_to_g(site, dry_run=False)

    by_hand, left = access.ensure_projects(group, ["by-hand", "left"])

    assert by_hand.info == {"made": "first"}  # the oldest is used ...
    assert access.duplicates("g", ["left", "other"]) == []
    assert access.duplicates("g", ["by-hand"]) == [
        f"group g has 2 projects labelled 'by-hand' (the oldest, {by_hand.id}, is used; not"
        " made by this gear or holding data: 000000000000000000000002): merge or delete the"
        " extra ones by hand, then re-run"
    ]
    # ... the other by-hand one is kept; of the unconfirmed ones, the older is confirmed and
    # the newer (a dead run's, never used) removed
    writes = [(r.method, r.path, r.body) for r in site.writes()]
    assert writes == [
        ("DELETE", "/api/projects/000000000000000000000004", None),
        ("PATCH", f"/api/projects/{left.id}/info", {"delete": [UNCONFIRMED]}),
    ]
    labels = [p["label"] for p in site.dump()["groups"][0]["projects"]]
    assert labels == ["by-hand", "by-hand", "left"]
    assert left.info == {}
    operations = [(r.operation, r.outcome) for r in access.records]
    assert operations == [
        ("create_project", Outcome.ALREADY),
        ("create_project", Outcome.ALREADY),
        ("delete_project", Outcome.DONE),
        ("confirm_project", Outcome.DONE),
    ]


def test_a_dry_run_plans_the_same_settling_and_sends_nothing(
    standin_factory: StandInFactory,
) -> None:
    site = standin_factory(SEED)
    access, group = access_to_g(site, dry_run=True)
    access.ensure_projects(group, ["by-hand", "left", "new"])
    assert site.writes() == []
    planned = [r.operation for r in access.records if r.outcome is Outcome.PLANNED]
    assert planned == ["create_project", "delete_project", "confirm_project", "confirm_project"]
    assert len(access.duplicates("g", ["by-hand", "left", "new"])) == 1
