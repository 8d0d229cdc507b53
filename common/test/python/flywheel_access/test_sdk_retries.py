"""One retry layer for writes: the SDK retries reads only, flywheel_access retries writes.

The tests run with FLYWHEEL_SDK_TOTAL_RETRIES=0 (the plugin sets it), so each one sets the SDK
transport's `total` to 2 on its own client: the SDK *would* re-send, as in production.
"""

from __future__ import annotations

import logging
from typing import Any

import flywheel
import pytest

from flywheel_access import FlywheelAccess, GroupView, Outcome, RetryPolicy
from flywheel_access.sdk_retries import restrict_sdk_retries_to_reads
from flywheel_standin import Fault, StandIn
from gear_pytest.fixtures_standin import StandInFactory

USER = "reader@example.org"
SEED: dict[str, Any] = {
    "users": [
        {"id": "admin@example.org", "email": "admin@example.org", "firstname": "A"},
        {"id": USER, "email": USER, "firstname": "R"},
    ],
    "groups": [
        {
            "id": "nacc",
            "label": "NACC",
            "permissions": [{"id": USER, "access": "ro"}],
            "projects": [{"label": "accepted"}],
        }
    ],
}
SDK_RETRIES = 2
WARNING = "a failed write may be retried twice"


def http_client(client: Any) -> Any:
    """The SDK's httpx2 client (flywheel-sdk 23)."""
    return client.api_client.rest_client.client


def retrying_client(standin: StandIn) -> Any:
    """A real SDK client whose transport would retry transient failures twice."""
    client = flywheel.Client(standin.api_key())
    http_client(client)._transport.total = SDK_RETRIES
    return client


def log_of(standin: StandIn) -> list[tuple[str, str, int]]:
    return [(r.method, r.path, r.status) for r in standin.requests]


def access_to_nacc(standin: StandIn) -> tuple[FlywheelAccess, GroupView, list[float]]:
    """FlywheelAccess over a retrying client, the seeded group, and the backoffs it slept."""
    sleeps: list[float] = []
    access = FlywheelAccess(
        retrying_client(standin), dry_run=False, retry=RetryPolicy(sleep=sleeps.append)
    )
    nacc = access.group("nacc")
    assert nacc is not None
    return access, nacc, sleeps


@pytest.fixture
def seeded(standin_factory: StandInFactory) -> StandIn:
    return standin_factory(SEED)


# -- the SDK alone: what the restriction prevents -------------------------------------------


def test_unrestricted_the_sdk_itself_resends_a_write_that_took_effect(seeded: StandIn) -> None:
    client = retrying_client(seeded)
    project_id = client.lookup("nacc/accepted").id
    info = f"/api/projects/{project_id}/info"
    seeded.clear_requests()
    seeded.add_fault(Fault("PATCH", info, nth=1, when="after"))

    client.modify_project_info(project_id, flywheel.Info(set={"k": "v"}))

    assert log_of(seeded) == [("PATCH", info, 503), ("PATCH", info, 200)]


# -- through FlywheelAccess: writes once, reads still retried by the SDK --------------------


def test_a_patch_failing_after_it_applied_is_sent_once_and_confirmed_by_a_re_read(
    seeded: StandIn,
) -> None:
    access, nacc, sleeps = access_to_nacc(seeded)
    [project] = access.ensure_projects(nacc, ["accepted"])
    info = f"/api/projects/{project.id}/info"
    seeded.clear_requests()
    seeded.add_fault(Fault("PATCH", info, nth=1, when="after"))

    access.ensure_project_info(project, {"project-id": "tau"})

    assert log_of(seeded) == [
        ("PATCH", info, 503),  # the SDK did not re-send it
        ("GET", f"/api/projects/{project.id}", 200),  # our layer re-read: it took effect
    ]
    assert sleeps == []
    assert access.records[-1].outcome is Outcome.DONE
    assert seeded.dump()["groups"][0]["projects"][0]["info"] == {"project-id": "tau"}


def test_a_put_refused_before_it_applied_is_resent_only_by_our_layer_after_a_re_read(
    seeded: StandIn,
) -> None:
    access, nacc, sleeps = access_to_nacc(seeded)
    permission = "/api/groups/nacc/permissions/reader%40example.org"  # as the SDK sends it
    seeded.clear_requests()
    seeded.add_fault(Fault("PUT", permission, nth=1, when="before"))

    access.ensure_group_permission(nacc, USER, "admin")

    assert log_of(seeded) == [
        ("PUT", permission, 503),  # the SDK did not re-send it
        ("GET", "/api/groups/nacc", 200),  # our layer re-read: it did not take effect
        ("PUT", permission, 200),  # so our layer re-sent it, after a backoff
    ]
    assert sleeps == [RetryPolicy().delay(1)]
    assert [(r.operation, r.outcome) for r in access.records] == [
        ("update_group_permission", Outcome.DONE)
    ]


def test_a_get_failing_with_503_is_still_retried_by_the_sdk(seeded: StandIn) -> None:
    access = FlywheelAccess(retrying_client(seeded), dry_run=False)
    seeded.clear_requests()
    seeded.add_fault(Fault("GET", "/api/groups", nth=1))

    assert access.group("nacc") is not None

    assert log_of(seeded) == [("GET", "/api/groups", 503), ("GET", "/api/groups", 200)]


# -- the restriction itself ------------------------------------------------------------------


def test_every_retry_transport_is_restricted_including_proxy_mounts(
    standin: StandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An https proxy from the environment gives the SDK a second RetryTransport (a mount);
    # NO_PROXY gives a mount without a transport. The stand-in is plain http: no proxy used.
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("NO_PROXY", "localhost")
    client = flywheel.Client(standin.api_key())
    http = http_client(client)
    proxied = [t for t in http._mounts.values() if t is not None]
    assert len(proxied) == 1 and None in http._mounts.values()

    assert restrict_sdk_retries_to_reads(client) == 2

    for transport in [http._transport, *proxied]:
        assert transport.allowed_methods == {"GET", "HEAD", "OPTIONS"}


class NotAnSdkClient:
    """Something without flywheel-sdk 23's structure."""


def test_an_unknown_client_structure_is_a_warning_not_a_crash(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="flywheel_access"):
        assert restrict_sdk_retries_to_reads(NotAnSdkClient()) == 0
    assert WARNING in caplog.text


def test_a_transport_that_is_not_a_retry_transport_is_a_warning(
    fw_client: Any, caplog: pytest.LogCaptureFixture
) -> None:
    http = http_client(fw_client)
    original = http._transport
    http._transport = original._transport  # the bare httpx2 transport beneath it
    with caplog.at_level(logging.WARNING, logger="flywheel_access"):
        FlywheelAccess(fw_client, dry_run=True)
    assert WARNING in caplog.text


def test_a_retry_transport_without_allowed_methods_is_a_warning(
    fw_client: Any, caplog: pytest.LogCaptureFixture
) -> None:
    transport = http_client(fw_client)._transport
    del transport.allowed_methods  # a later SDK spelling it otherwise
    with caplog.at_level(logging.WARNING, logger="flywheel_access"):
        assert restrict_sdk_retries_to_reads(fw_client) == 0
    assert WARNING in caplog.text
    assert not hasattr(transport, "allowed_methods")


def test_an_sdk_without_retry_transport_is_a_warning(
    fw_client: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.delattr(flywheel.rest, "RetryTransport")  # another SDK version
    with caplog.at_level(logging.WARNING, logger="flywheel_access"):
        assert restrict_sdk_retries_to_reads(fw_client) == 0
    assert WARNING in caplog.text
    assert http_client(fw_client)._transport.allowed_methods != {"GET", "HEAD", "OPTIONS"}
