"""The plan: which groups and projects each project document asks for."""

from __future__ import annotations

from project_app.plan import GroupPlan, build_plan, project_labels
from project_app.project_file import parse_projects

TAU = """\
project: Project Tau
project-id: tau
primary: true
centers:
  - {name: Alpha ADRC, center-id: alpha, tags: [adrc]}
  - {name: Beta ADRC, center-id: beta, is-active: false}
  - {name: Gamma ADRC, center-id: gamma, tags: [new-center]}
datatypes: [form, dicom]
published: true
"""
SIGMA = """\
project: Project Sigma
project-id: sigma
centers:
  - {name: Alpha ADRC, center-id: alpha}
datatypes: [form]
"""


def plans(text: str, *, new_only: bool = False) -> dict[str, GroupPlan]:
    return {plan.scope: plan for plan in build_plan(parse_projects(text), new_only=new_only)}


def test_primary_project_labels_have_no_suffix_and_inactive_centers_no_ingest() -> None:
    tau = plans(TAU)
    alpha = tau["project tau, center alpha"]
    assert alpha.group_id == "alpha"
    assert alpha.label == "Alpha ADRC"
    assert alpha.tags == ("adrc",)
    assert alpha.projects == (
        "accepted",
        "retrospective-form",
        "retrospective-dicom",
        "ingest-form",
        "ingest-dicom",
    )
    assert alpha.project_info == {"project-id": "tau"}
    assert alpha.tag_projects
    assert tau["project tau, center beta"].projects == (
        "accepted",
        "retrospective-form",
        "retrospective-dicom",
    )


def test_other_projects_get_the_project_id_suffix() -> None:
    [alpha] = plans(SIGMA).values()
    assert alpha.projects == ("accepted-sigma", "retrospective-form-sigma", "ingest-form-sigma")
    assert alpha.project_info == {"project-id": "sigma"}


def test_published_project_adds_its_release_group_last() -> None:
    plan = build_plan(parse_projects(TAU), new_only=False)
    release = plan[-1]
    assert release.group_id == "release-tau"
    assert release.label == "Project Tau Release"
    assert release.projects == ("master-project",)
    assert release.project_info == {} and not release.tag_projects
    assert "release-sigma" not in [
        p.group_id for p in build_plan(parse_projects(SIGMA), new_only=False)
    ]


def test_new_only_keeps_only_new_centers_and_the_release_group() -> None:
    assert list(plans(TAU, new_only=True)) == ["project tau, center gamma", "project tau, release"]
    assert plans(SIGMA, new_only=True) == {}


def test_documents_are_planned_in_file_order() -> None:
    scopes = [
        plan.scope for plan in build_plan(parse_projects(TAU + "---\n" + SIGMA), new_only=False)
    ]
    assert scopes == [
        "project tau, center alpha",
        "project tau, center beta",
        "project tau, center gamma",
        "project tau, release",
        "project sigma, center alpha",
    ]


def test_project_labels_for_one_center() -> None:
    [tau] = parse_projects(TAU)
    assert project_labels(tau, tau.centers[2])[0] == "accepted"
