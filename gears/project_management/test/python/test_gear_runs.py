"""The gear against the Flywheel stand-in, through the real runtime and the real flywheel-sdk.

Each run builds a gear folder from the gear's own manifest (as `./dev run` does) and runs
run.py's main through gear_runner.execute_gear, so config.json validation, the key check and
the report are all part of every test.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from flywheel_standin import Fault, StandIn
from gear_bench.workloads import centers_project_file
from gear_pytest.fixtures_standin import StandInFactory
from gear_report import report_name
from gear_run import config_from_manifest, write_gear_folder
from gear_runner import ExitCode, execute_gear
from gear_spec import GearIdentity
from project_app.apply import apply_group
from project_app.main import run as run_project_management
from project_app.run import main

GEAR_ROOT = Path(__file__).parent.parent.parent
MANIFEST = GEAR_ROOT / "src" / "docker" / "manifest.json"
REPORT_NAME = report_name("project-management")
ADMINS = ["admin@example.org", "coordinator@example.org"]
SEED: dict[str, Any] = {
    "users": [
        {"id": user, "email": user, "firstname": "A", "lastname": "B"}
        for user in [*ADMINS, "reader@example.org"]
    ],
    "groups": [
        {
            "id": "nacc",
            "label": "NACC",
            "permissions": [
                {"id": ADMINS[0], "access": "admin"},
                {"id": ADMINS[1], "access": "admin"},
                {"id": "reader@example.org", "access": "ro"},
            ],
        }
    ],
}
TAU = """\
project: Project Tau
project-id: tau
primary: true
centers:
  - {name: Alpha ADRC, center-id: alpha, tags: [adrc]}
  - {name: Beta ADRC, center-id: beta, is-active: false}
  - {name: Gamma ADRC, center-id: gamma, tags: [adrc, new-center]}
datatypes: [form, dicom]
published: true
"""
SIGMA = """\
project: Project Sigma
project-id: sigma
centers:
  - {name: Alpha ADRC, center-id: alpha}
  - {name: Delta ADRC, center-id: delta}
datatypes: [form]
"""
_runs = itertools.count(1)


@dataclass
class GearRun:
    exit_code: int
    folder: Path

    @property
    def report(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((self.folder / "output" / REPORT_NAME).read_text())
        return data

    def records(self, outcome: str) -> set[tuple[str, str, str]]:
        return {
            (r["operation"], r["path"], json.dumps(r["payload"], sort_keys=True))
            for r in self.report["records"]
            if r["outcome"] == outcome
        }


Runner = Callable[..., GearRun]


@pytest.fixture
def run_gear(tmp_path: Path) -> Runner:
    """`run_gear(standin, project_text, **config)` -> GearRun (config values as JSON types)."""
    manifest = json.loads(MANIFEST.read_text())

    def run(standin: StandIn, project_text: str, **config: Any) -> GearRun:
        number = next(_runs)
        project_file = tmp_path / f"project-file-{number}.yaml"
        project_file.write_text(project_text)
        values = config_from_manifest(manifest, {}) | config
        folder = tmp_path / f"gear-{number}"
        write_gear_folder(
            folder, MANIFEST, values, {"project_file": project_file}, standin.api_key()
        )
        return GearRun(execute_gear(main, folder), folder)

    return run


def groups(standin: StandIn) -> dict[str, dict[str, Any]]:
    return {group["id"]: group for group in standin.dump()["groups"]}


def projects(standin: StandIn, group_id: str) -> dict[str, dict[str, Any]]:
    return {p["label"]: p for p in groups(standin)[group_id].get("projects", [])}


def state(standin: StandIn) -> dict[str, Any]:
    """The dump without generated project ids, projects listed by group and label."""
    result = {}
    for group_id, group in groups(standin).items():
        listed = [p["label"] for p in group.get("projects", [])]
        assert len(listed) == len(set(listed)), f"duplicate projects in {group_id}: {listed}"
        result[group_id] = {
            **{k: v for k, v in group.items() if k != "projects"},
            "projects": {
                p["label"]: {k: v for k, v in p.items() if k != "id"}
                for p in group.get("projects", [])
            },
        }
    return result


def test_creates_everything_from_empty(standin_factory: StandInFactory, run_gear: Runner) -> None:
    standin = standin_factory(SEED)
    run = run_gear(standin, TAU + "---\n" + SIGMA)
    assert run.exit_code == ExitCode.OK
    made = groups(standin)
    assert sorted(made) == ["alpha", "beta", "delta", "gamma", "nacc", "release-tau"]
    assert made["alpha"]["label"] == "Alpha ADRC"
    assert made["alpha"]["tags"] == ["adrc"]
    assert made["release-tau"]["label"] == "Project Tau Release"
    for group_id in ("alpha", "beta", "gamma", "delta", "release-tau"):
        access = {p["id"]: p["access"] for p in made[group_id]["permissions"]}
        assert access == dict.fromkeys(ADMINS, "admin"), group_id
    assert sorted(projects(standin, "alpha")) == sorted(
        [
            "accepted",
            "retrospective-form",
            "retrospective-dicom",
            "ingest-form",
            "ingest-dicom",
            "accepted-sigma",
            "retrospective-form-sigma",
            "ingest-form-sigma",
        ]
    )
    # beta is inactive: no ingest projects
    assert sorted(projects(standin, "beta")) == [
        "accepted",
        "retrospective-dicom",
        "retrospective-form",
    ]
    assert sorted(projects(standin, "delta")) == [
        "accepted-sigma",
        "ingest-form-sigma",
        "retrospective-form-sigma",
    ]
    accepted = projects(standin, "alpha")["accepted"]
    assert accepted["tags"] == ["adrc"]
    assert accepted["info"] == {"project-id": "tau"}
    assert projects(standin, "alpha")["ingest-form-sigma"]["info"] == {"project-id": "sigma"}
    assert projects(standin, "gamma")["ingest-dicom"]["tags"] == ["adrc", "new-center"]
    for label, project in projects(standin, "alpha").items():
        roles = {p["id"]: p["role_ids"] for p in project["permissions"]}
        assert roles == {user: ["role-admin"] for user in ADMINS}, label
    master = projects(standin, "release-tau")["master-project"]
    assert {p["id"] for p in master["permissions"]} == set(ADMINS)
    totals = run.report["totals"]
    assert totals["failed"] == 0 and totals["planned"] == 0
    assert totals["done"] == len(standin.writes())
    assert run.report["failures"] == []


def test_second_run_sends_no_write(standin_factory: StandInFactory, run_gear: Runner) -> None:
    standin = standin_factory(SEED)
    text = TAU + "---\n" + SIGMA
    assert run_gear(standin, text).exit_code == ExitCode.OK
    before = state(standin)
    standin.clear_requests()
    again = run_gear(standin, text)
    assert again.exit_code == ExitCode.OK
    assert standin.writes() == []
    assert state(standin) == before
    assert again.report["totals"]["done"] == 0
    assert again.report["totals"]["already there"] == again.report["totals"]["records"] > 0


def test_dry_run_writes_nothing_and_plans_exactly_what_a_real_run_sends(
    standin_factory: StandInFactory, run_gear: Runner
) -> None:
    standin = standin_factory(SEED)
    text = TAU + "---\n" + SIGMA
    before = state(standin)
    dry = run_gear(standin, text, dry_run=True)
    assert dry.exit_code == ExitCode.OK
    assert standin.writes() == []
    assert state(standin) == before
    assert dry.report["dry_run"] is True
    planned = dry.records("planned")
    assert planned and dry.records("done") == set()
    real = run_gear(standin, text)
    assert real.exit_code == ExitCode.OK
    assert real.records("done") == planned
    assert len(standin.writes()) == len(planned)


def test_dry_run_on_a_partly_made_site_plans_only_what_is_missing(
    standin_factory: StandInFactory, run_gear: Runner
) -> None:
    standin = standin_factory(SEED)
    assert run_gear(standin, TAU).exit_code == ExitCode.OK
    standin.clear_requests()
    dry = run_gear(standin, TAU + "---\n" + SIGMA, dry_run=True)
    assert standin.writes() == []
    assert {path.split("/")[0] for _, path, _ in dry.records("planned")} == {"alpha", "delta"}
    real = run_gear(standin, TAU + "---\n" + SIGMA)
    assert real.records("done") == dry.records("planned")


def test_a_center_id_with_an_at_sign_is_made(
    standin_factory: StandInFactory, run_gear: Runner
) -> None:
    # `@` is in Flywheel's group id rule: the gear accepts it and so does the stand-in
    standin = standin_factory(SEED)
    text = SIGMA.replace("center-id: delta", "center-id: delta@site.org")
    assert run_gear(standin, text).exit_code == ExitCode.OK
    assert sorted(projects(standin, "delta@site.org")) == [
        "accepted-sigma",
        "ingest-form-sigma",
        "retrospective-form-sigma",
    ]
    standin.clear_requests()
    assert run_gear(standin, text).exit_code == ExitCode.OK
    assert standin.writes() == []


def test_new_only_handles_only_new_centers(
    standin_factory: StandInFactory, run_gear: Runner
) -> None:
    standin = standin_factory(SEED)
    run = run_gear(standin, TAU + "---\n" + SIGMA, new_only=True)
    assert run.exit_code == ExitCode.OK
    assert sorted(groups(standin)) == ["gamma", "nacc", "release-tau"]


def test_unpublished_project_has_no_release_group(
    standin_factory: StandInFactory, run_gear: Runner
) -> None:
    standin = standin_factory(SEED)
    assert run_gear(standin, TAU.replace("published: true", "published: false")).exit_code == 0
    assert "release-tau" not in groups(standin)
    assert "release-sigma" not in groups(standin)


def test_existing_tags_permissions_and_labels_are_kept(
    standin_factory: StandInFactory, run_gear: Runner
) -> None:
    seed = json.loads(json.dumps(SEED))
    seed["groups"].append(
        {
            "id": "alpha",
            "label": "Alpha (old name)",
            "tags": ["legacy"],
            "permissions": [{"id": "reader@example.org", "access": "ro"}],
            "projects": [{"label": "accepted", "tags": ["keep"], "info": {"other": 1}}],
        }
    )
    standin = standin_factory(seed)
    assert run_gear(standin, TAU).exit_code == ExitCode.OK
    alpha = groups(standin)["alpha"]
    assert alpha["label"] == "Alpha (old name)"
    assert alpha["tags"] == ["legacy", "adrc"]
    assert {p["id"] for p in alpha["permissions"]} == {"reader@example.org", *ADMINS}
    accepted = projects(standin, "alpha")["accepted"]
    assert set(accepted["tags"]) == {"keep", "legacy", "adrc"}
    assert accepted["info"] == {"other": 1, "project-id": "tau"}


def test_missing_admin_group_fails_before_any_write(
    standin_factory: StandInFactory, run_gear: Runner
) -> None:
    standin = standin_factory({"users": SEED["users"]})
    run = run_gear(standin, TAU)
    assert run.exit_code == ExitCode.FAILED
    assert standin.writes() == []
    [failure] = run.report["failures"]
    assert "admin group 'nacc' does not exist" in failure["reason"]
    assert run.report["records"] == []


def test_a_site_without_an_admin_role_fails_before_any_write(
    standin_factory: StandInFactory, run_gear: Runner
) -> None:
    seed = {
        **SEED,
        "roles": [{"id": "role-rw", "label": "read-write", "default_flywheel_role": "rw"}],
    }
    standin = standin_factory(seed)
    run = run_gear(standin, TAU)
    assert run.exit_code == ExitCode.FAILED
    assert standin.writes() == []
    assert "role labelled 'admin'" in run.report["failures"][0]["reason"]


def test_an_unreadable_site_fails_before_any_write(
    standin_factory: StandInFactory, run_gear: Runner
) -> None:
    standin = standin_factory(SEED)
    standin.add_fault(Fault("GET", "/api/groups", status=500))
    run = run_gear(standin, TAU)
    assert run.exit_code == ExitCode.FAILED
    assert standin.writes() == []
    assert "500" in run.report["failures"][0]["reason"]
    assert run.report["totals"]["failed"] == len(run.report["failures"]) == 1


def test_the_report_names_the_gear_and_keeps_its_own_fields(
    standin_factory: StandInFactory, run_gear: Runner
) -> None:
    run = run_gear(standin_factory(SEED), TAU)
    manifest = json.loads(MANIFEST.read_text())
    assert list(run.report) == [
        "gear",
        "version",
        "dry_run",
        "interrupted",
        "totals",
        "failures",
        "records",
        "context",
    ]
    assert (run.report["gear"], run.report["version"]) == (manifest["name"], manifest["version"])
    assert run.report["interrupted"] is None
    assert run.report["context"] == {"admin_group": "nacc"}


def test_an_unexpected_error_is_recorded_in_the_report_without_its_message(
    standin_factory: StandInFactory, run_gear: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    standin = standin_factory(SEED)
    key = standin.api_key()
    made: list[str] = []

    def first_group_then_a_bug(access: Any, plan: Any, admins: Any) -> None:
        if made:
            raise RuntimeError(f"bug while holding {key}")
        apply_group(access, plan, admins)
        made.append(plan.group_id)

    monkeypatch.setattr("project_app.apply.apply_group", first_group_then_a_bug)
    run = run_gear(standin, TAU)
    assert run.exit_code == ExitCode.FAILED
    assert run.report["failures"] == [{"scope": "run", "reason": "internal error: RuntimeError"}]
    assert run.report["totals"]["done"] == len(standin.writes()) > 0
    assert {r["path"] for r in run.report["records"]} >= set(made)
    report_text = (run.folder / "output" / REPORT_NAME).read_text()
    assert key not in report_text and "bug while holding" not in report_text


def test_an_interrupted_run_is_recorded_in_the_report(
    standin: StandIn, fw_client: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(access: Any, plan: Any, admins: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("project_app.apply.apply_group", interrupted)
    project_file = tmp_path / "project-file.yaml"
    project_file.write_text(TAU)
    standin.load(SEED)
    with pytest.raises(KeyboardInterrupt):
        run_project_management(
            client=fw_client,
            gear=GearIdentity("project-management", "0.1.0"),
            project_file=project_file,
            admin_group="nacc",
            dry_run=False,
            new_only=False,
            output_dir=tmp_path,
        )
    report = json.loads((tmp_path / REPORT_NAME).read_text())
    assert report["failures"] == [{"scope": "run", "reason": "interrupted: KeyboardInterrupt"}]
    assert standin.writes() == []


def test_an_admin_group_without_admins_still_makes_the_groups(
    standin_factory: StandInFactory, run_gear: Runner
) -> None:
    seed = json.loads(json.dumps(SEED))
    seed["groups"][0]["permissions"] = []
    standin = standin_factory(seed)
    assert run_gear(standin, SIGMA).exit_code == ExitCode.OK
    assert sorted(projects(standin, "delta")) == [
        "accepted-sigma",
        "ingest-form-sigma",
        "retrospective-form-sigma",
    ]


def test_another_admin_group_is_used_when_configured(
    standin_factory: StandInFactory, run_gear: Runner
) -> None:
    seed = json.loads(json.dumps(SEED))
    seed["groups"][0]["id"] = "site-admins"
    standin = standin_factory(seed)
    assert run_gear(standin, SIGMA, admin_group="site-admins").exit_code == ExitCode.OK
    assert {p["id"] for p in groups(standin)["delta"]["permissions"]} == set(ADMINS)


def test_invalid_admin_group_config_is_an_invocation_error(
    standin: StandIn, run_gear: Runner
) -> None:
    run = run_gear(standin, TAU, admin_group="NACC!")
    assert run.exit_code == ExitCode.INVALID
    assert standin.writes() == []


def test_invalid_project_file_exits_2_without_any_request_beyond_the_key_check(
    standin_factory: StandInFactory, run_gear: Runner
) -> None:
    standin = standin_factory(SEED)
    run = run_gear(standin, TAU.replace("center-id: beta", "center-id: Beta!"))
    assert run.exit_code == ExitCode.INVALID
    assert [(r.method, r.path) for r in standin.requests] == [("GET", "/api/auth/status")]
    assert not (run.folder / "output" / REPORT_NAME).exists()


def test_a_refused_group_fails_that_center_only(
    standin_factory: StandInFactory, run_gear: Runner
) -> None:
    standin = standin_factory(SEED)
    # The second group created is beta's: refuse it.
    standin.add_fault(Fault("POST", "/api/groups", nth=2, status=403))
    run = run_gear(standin, TAU)
    assert run.exit_code == ExitCode.FAILED
    assert sorted(groups(standin)) == ["alpha", "gamma", "nacc", "release-tau"]
    assert len(projects(standin, "gamma")) == 5
    [failure] = run.report["failures"]
    assert failure["scope"] == "project tau, center beta"
    assert "403" in failure["reason"]
    [failed] = [r for r in run.report["records"] if r["outcome"] == "failed"]
    assert (failed["operation"], failed["path"]) == ("create_group", "beta")
    assert "403" in failed["reason"]
    assert run.report["totals"]["failed"] == 1
    # The next run completes beta and changes nothing else.
    standin.clear_faults()
    standin.clear_requests()
    assert run_gear(standin, TAU).exit_code == ExitCode.OK
    assert {
        r.path.split("/")[3] for r in standin.writes() if r.path.startswith("/api/groups/")
    } <= {"beta"}


def test_writes_failing_after_they_took_effect_still_converge_without_duplicates(
    standin_factory: StandInFactory, run_gear: Runner
) -> None:
    text = TAU + "---\n" + SIGMA
    clean = standin_factory(SEED)
    assert run_gear(clean, text).exit_code == ExitCode.OK
    faulty = standin_factory(SEED)
    faulty.add_fault(Fault("POST|PUT|PATCH|DELETE", ".*", every=3, when="after"))
    run = run_gear(faulty, text)
    assert run.exit_code == ExitCode.OK, run.report["failures"]
    assert state(faulty) == state(clean)  # same end state, no duplicate projects (state checks)
    group_ids = [group["id"] for group in faulty.dump()["groups"]]
    assert sorted(group_ids) == sorted(groups(clean))  # no duplicate groups
    writes = faulty.writes()
    assert len(writes) == len(clean.writes())  # each write sent once: none re-sent
    failed = [i for i, r in enumerate(writes) if r.status == 503]
    assert len(failed) == len(writes) // 3 > 0  # the faults fired, on every third write
    assert failed == list(range(2, len(writes), 3))
    faulty.clear_faults()
    faulty.clear_requests()
    assert run_gear(faulty, text).exit_code == ExitCode.OK
    assert faulty.writes() == []


# Once per run: the key check (GET /api/auth/status), the group listing and the role listing,
# each one page at these sizes. Per center: its project listing; from empty, instead, one
# re-read of the new group and one listing of its new projects.
READ_CONSTANT = 3


def read_bound(centers: int) -> int:
    return 2 * centers + READ_CONSTANT


@pytest.mark.parametrize("count", [3, 12])
def test_a_run_with_nothing_to_do_reads_at_most_two_requests_per_center(
    standin_factory: StandInFactory, run_gear: Runner, count: int
) -> None:
    standin = standin_factory(SEED)
    assert run_gear(standin, centers_project_file(count)).exit_code == ExitCode.OK
    standin.clear_requests()
    assert run_gear(standin, centers_project_file(count)).exit_code == ExitCode.OK
    assert standin.writes() == []
    assert len(standin.reads()) <= read_bound(count)


@pytest.mark.parametrize("count", [3, 12])
def test_a_run_from_empty_reads_at_most_two_requests_per_center(
    standin_factory: StandInFactory, run_gear: Runner, count: int
) -> None:
    standin = standin_factory(SEED)
    assert run_gear(standin, centers_project_file(count)).exit_code == ExitCode.OK
    assert len(standin.reads()) <= read_bound(count)
