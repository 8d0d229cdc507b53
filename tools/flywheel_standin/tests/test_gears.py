"""The gears endpoints through the real flywheel-sdk 23: prepare-add, save, list, errors."""

from __future__ import annotations

from typing import Any

import flywheel
import pytest

from flywheel_standin import StandIn

HASH = "sha256:" + "a" * 64
POINTER = "sha256:" + "b" * 64


def document(version: str = "0.1.0", rootfs_hash: str = HASH, **gear: Any) -> dict[str, Any]:
    manifest = {"name": "project-management", "version": version, "label": "PM", **gear}
    return {
        "category": "utility",
        "gear": manifest,
        "exchange": {
            "rootfs-url": f"docker://site.example.org/project-management:{version}",
            "rootfs-hash": rootfs_hash,
        },
    }


def upload(client: Any, doc: dict[str, Any], pointer: str = POINTER) -> Any:
    ticket = client.prepare_add_gear(flywheel.GearDocumentInput(**doc))
    save = flywheel.GearSaveSubmission(
        ticket=ticket.ticket, repo=doc["gear"]["name"], pointer=pointer
    )
    return client.save_gear(save)


def test_upload_and_list_with_sdk_models(standin: StandIn) -> None:
    client = flywheel.Client(standin.api_key())
    ticket = client.prepare_add_gear(flywheel.GearDocumentInput(**document()))
    assert isinstance(ticket, flywheel.GearTicketOutput)
    held = client.get_gear_ticket(ticket.ticket)
    assert held.geardoc.gear.name == "project-management"
    assert held.origin.id == "admin@example.org"
    submission = flywheel.GearSaveSubmission(
        ticket=ticket.ticket, repo="project-management", pointer=POINTER
    )
    saved = client.save_gear(submission)
    assert isinstance(saved, flywheel.GearDocument)
    assert saved.gear.version == "0.1.0"
    assert saved.exchange.rootfs_hash == HASH
    assert client.get_gear(saved.id).gear.name == "project-management"
    with pytest.raises(flywheel.ApiException) as gone:
        client.get_gear_ticket(ticket.ticket)  # a saved ticket is spent
    assert gone.value.status == 404
    (body,) = [r.body for r in standin.writes() if r.path == "/api/gears/save"]
    assert body == {"ticket": ticket.ticket, "repo": "project-management", "pointer": POINTER}


def test_listing_versions_filter_and_invalid(standin: StandIn) -> None:
    client = flywheel.Client(standin.api_key())
    upload(client, document("0.1.0"))
    upload(client, document("0.2.0"))
    invalid = document("0.3.0", custom={"flywheel": {"invalid": True}})
    upload(client, invalid)
    other = document()
    other["gear"]["name"] = "other-gear"
    upload(client, other)

    def versions(**kwargs: Any) -> list[str]:
        return sorted(g.gear.version for g in client.get_all_gears(**kwargs))

    name = "gear.name=project-management"
    assert versions(filter=name) == ["0.2.0"]  # newest valid one only
    assert versions(filter=name, all_versions=True) == ["0.1.0", "0.2.0"]
    assert versions(filter=name, all_versions=True, include_invalid=True) == [
        "0.1.0",
        "0.2.0",
        "0.3.0",
    ]
    assert len(client.get_all_gears(all_versions=True, include_invalid=True)) == 4
    (get,) = [r for r in standin.reads() if r.query.get("include_invalid")][:1]
    assert get.query["all_versions"] == ["true"]


def test_flywheel_errors(standin: StandIn) -> None:
    client = flywheel.Client(standin.api_key())
    upload(client, document())

    def status_of(call: Any) -> int:
        with pytest.raises(flywheel.ApiException) as raised:
            call()
        return int(raised.value.status)

    # 409: that name and version are on the site already (checked at save).
    ticket = client.prepare_add_gear(flywheel.GearDocumentInput(**document()))
    again = flywheel.GearSaveSubmission(
        ticket=ticket.ticket, repo="project-management", pointer=POINTER
    )
    assert status_of(lambda: client.save_gear(again)) == 409
    # 400: a bad document, a save for another repo or without a digest.
    bad = document(rootfs_hash="latest")
    assert status_of(lambda: client.prepare_add_gear(bad)) == 400
    assert status_of(lambda: client.prepare_add_gear({**document(), "category": "x"})) == 400
    fresh = client.prepare_add_gear(flywheel.GearDocumentInput(**document("0.9.0")))
    wrong = {"ticket": fresh.ticket, "repo": "other", "pointer": POINTER}
    assert status_of(lambda: client.save_gear(wrong)) == 400
    no_digest = {"ticket": fresh.ticket, "repo": "project-management", "pointer": "latest"}
    assert status_of(lambda: client.save_gear(no_digest)) == 400
    # 404: no such gear or ticket.
    assert status_of(lambda: client.get_gear("0" * 24)) == 404
    unknown = {"ticket": "f" * 24, "repo": "project-management", "pointer": POINTER}
    assert status_of(lambda: client.save_gear(unknown)) == 404
    # 403: a user who may not add gears; 401: a key the site does not accept.
    standin.limit_gear_uploads(set())
    assert status_of(lambda: client.prepare_add_gear(document("1.0.0"))) == 403
    standin.limit_gear_uploads(None)
    assert client.prepare_add_gear(document("1.0.0")).ticket


def test_wrong_key_is_401(standin_factory: Any) -> None:
    standin = standin_factory({"keys": ["right"]})
    client = flywheel.Client(standin.api_key("right"))
    standin.load({"keys": ["other"]})
    with pytest.raises(flywheel.ApiException) as raised:
        client.get_all_gears()
    assert raised.value.status == 401
