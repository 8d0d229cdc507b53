"""Seeding from YAML and dumping back: the same shape both ways."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import flywheel
import pytest
import yaml

from flywheel_standin import SeedError, StandIn
from gear_pytest.fixtures_standin import StandInFactory

SEED_YAML = """
keys: [secret1]
users:
  - {id: admin@example.org, email: admin@example.org, firstname: A, lastname: Admin}
  - {id: u@x.org, email: u@x.org}
roles:
  - {id: role-admin, label: admin, default_flywheel_role: admin}
  - {id: role-ro, label: read-only, default_flywheel_role: ro}
groups:
  - id: nacc
    label: NACC
    tags: [center]
    permissions: [{id: admin@example.org, access: admin}]
    projects:
      - label: accepted
        tags: [x]
        info: {project-id: tau}
        permissions: [{id: admin@example.org, role_ids: [role-admin]}]
"""


@pytest.fixture
def seed_file(tmp_path: Path) -> Path:
    path = tmp_path / "seed.yaml"
    path.write_text(SEED_YAML, encoding="utf-8")
    return path


def test_yaml_seed_is_served(standin_factory: StandInFactory, seed_file: Path) -> None:
    standin = standin_factory(seed_file)
    client = flywheel.Client(standin.api_key("secret1"))
    project = client.lookup("nacc/accepted")
    assert (project.tags, project.info) == (["x"], {"project-id": "tau"})
    assert [(p.id, p.role_ids) for p in project.permissions] == [
        ("admin@example.org", ["role-admin"])
    ]
    group = client.get_group("nacc")
    assert (group.label, group.tags, group.roles) == ("NACC", ["center"], ["role-admin", "role-ro"])
    assert [r.label for r in client.get_all_roles()] == ["admin", "read-only"]


def test_dump_round_trips_through_yaml(standin_factory: StandInFactory, seed_file: Path) -> None:
    standin = standin_factory(seed_file)
    client = flywheel.Client(standin.api_key("secret1"))
    new_id = client.add_project({"label": "new", "group": "nacc"})
    client.get_project(new_id).update_info({"k": "v"})
    dumped = standin.dump()
    text = yaml.safe_dump(dumped)
    again = StandIn(yaml.safe_load(text))
    assert again.dump() == dumped
    original = yaml.safe_load(SEED_YAML)
    assert dumped["keys"] == original["keys"]
    assert dumped["users"][1] == {
        "id": "u@x.org",
        "email": "u@x.org",
        "firstname": "",
        "lastname": "",
    }
    projects = dumped["groups"][0]["projects"]
    assert [(p["label"], p["info"]) for p in projects] == [
        ("accepted", {"project-id": "tau"}),
        ("new", {"k": "v"}),
    ]
    assert projects[1]["id"] == new_id


def test_reloaded_ids_stay_and_new_ids_do_not_collide(standin_factory: StandInFactory) -> None:
    first = standin_factory({"groups": [{"id": "g", "label": "G", "projects": [{"label": "a"}]}]})
    dumped = first.dump()
    second = standin_factory(dumped)
    client = flywheel.Client(second.api_key())
    new_id = client.add_project({"label": "b", "group": "g"})
    old_id = dumped["groups"][0]["projects"][0]["id"]
    assert client.lookup("g/a").id == old_id
    assert new_id > old_id


def test_load_replaces_the_state(standin: StandIn, fw_client: Any) -> None:
    standin.load({"groups": [{"id": "fresh", "label": "F"}]})
    assert [g.id for g in fw_client.get_all_groups()] == ["fresh"]


def test_defaults_without_users_or_roles() -> None:
    dumped = StandIn().dump()
    assert "keys" not in dumped
    assert [u["id"] for u in dumped["users"]] == ["admin@example.org"]
    assert [r["label"] for r in dumped["roles"]] == ["admin", "read-write", "read-only"]
    assert dumped["groups"] == []


@pytest.mark.parametrize(
    ("seed", "message"),
    [
        ({"groups": [{"label": "no id"}]}, "groups[0].id"),
        ({"groups": [{"id": "g", "projects": [{"tags": []}]}]}, "groups[0].projects[0].label"),
        ({"groups": [{"id": "g", "permissions": [{"id": "u", "access": "x"}]}]}, "access"),
        ({"groups": [{"id": "g"}, {"id": "g"}]}, "appears twice"),
        ({"users": "nobody"}, "users"),
    ],
)
def test_bad_seeds_name_the_field(seed: dict[str, Any], message: str) -> None:
    with pytest.raises(SeedError, match=message.replace("[", r"\[").replace("]", r"\]")):
        StandIn(seed)


def test_unreadable_seed_file_is_a_seed_error(tmp_path: Path) -> None:
    with pytest.raises(SeedError, match="cannot read"):
        StandIn(tmp_path / "missing.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(SeedError, match="must be a mapping"):
        StandIn(bad)


@pytest.mark.parametrize(
    ("text", "where", "problem"),
    [
        (
            "groups: []\n---\nusers: []\n",
            "line 2, column 1",
            "a second YAML document starts here; a seed is one document (remove the '---')",
        ),
        (
            "groups:\n  - {id: g, label: G\n",
            "line 3, column 1",
            "expected ',' or '}', but got '<stream end>' (while parsing a flow mapping);"
            " fix the YAML syntax",
        ),
        ("keys: a\n b: []\n", "line 2, column 3", "mapping values are not allowed here"),
    ],
)
def test_a_bad_yaml_seed_is_one_line_with_file_line_and_column(
    tmp_path: Path, text: str, where: str, problem: str
) -> None:
    seed = tmp_path / "seed.yaml"
    seed.write_text(text, encoding="utf-8")
    with pytest.raises(SeedError) as raised:
        StandIn(seed)
    message = str(raised.value)
    assert message.startswith(f"{seed}, {where}: {problem}")
    assert "\n" not in message


def test_a_seed_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    seed = tmp_path / "seed.yaml"
    seed.write_bytes(b"groups: [{id: \xff}]\n")
    with pytest.raises(SeedError) as raised:
        StandIn(seed)
    assert str(raised.value) == f"{seed}: not UTF-8 text"
