"""The project file: valid documents become models; every problem is reported at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from gear_runner import ExitCode, InvocationError
from project_app.project_file import load_projects, parse_projects

VALID = """\
project: Project Tau
project-id: tau
primary: true
centers:
  - name: Alpha ADRC
    center-id: alpha
    tags: [new-center]
  - name: Beta ADRC
    center-id: beta
    is-active: false
datatypes: [form, dicom]
published: true
---
project: Project Sigma
project-id: sigma
centers:
  - {name: Gamma, center-id: gamma}
datatypes: [form]
"""


def problems_of(text: str) -> list[str]:
    with pytest.raises(InvocationError) as raised:
        parse_projects(text)
    assert raised.value.exit_code == ExitCode.INVALID
    return list(raised.value.problems)


def one_project(**changes: str) -> str:
    fields = {
        "project": "P",
        "project-id": "p",
        "centers": "[{name: A, center-id: alpha}]",
        "datatypes": "[form]",
    }
    fields.update(changes)
    return "".join(f"{key}: {value}\n" for key, value in fields.items() if value != "DROP")


def test_valid_file_gives_every_field_with_defaults() -> None:
    tau, sigma = parse_projects(VALID)
    assert tau.project == "Project Tau"
    assert tau.primary and tau.published and tau.suffix == ""
    assert [c.center_id for c in tau.centers] == ["alpha", "beta"]
    assert tau.centers[0].is_active and not tau.centers[1].is_active
    assert tau.centers[0].tags == ["new-center"]
    assert tau.datatypes == ["form", "dicom"]
    assert not sigma.primary and not sigma.published and sigma.suffix == "-sigma"
    assert sigma.centers[0].tags == [] and sigma.centers[0].is_active
    assert sigma.release_group_id == "release-sigma"


def test_load_projects_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "projects.yaml"
    path.write_text(VALID)
    assert [p.project_id for p in load_projects(path)] == ["tau", "sigma"]


def test_unreadable_and_non_utf8_files_are_invocation_errors(tmp_path: Path) -> None:
    with pytest.raises(InvocationError, match="cannot read it"):
        load_projects(tmp_path / "missing.yaml")
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("project: Caf\xe9\n".encode("latin-1"))
    with pytest.raises(InvocationError, match="not UTF-8 text"):
        load_projects(latin)


def test_unknown_key_is_named_with_the_allowed_keys() -> None:
    text = one_project(centers="[{name: A, centre-id: alpha}]", colour="blue")
    assert problems_of(text) == [
        "project file, document 1, centers[0].center-id: required field is missing; add it",
        "project file, document 1, centers[0].centre-id: unknown key;"
        " allowed keys: name, center-id, is-active, tags",
        "project file, document 1, colour: unknown key;"
        " allowed keys: project, project-id, primary, centers, datatypes, published",
    ]


def test_missing_fields_are_each_reported() -> None:
    assert problems_of("primary: true\n") == [
        f"project file, document 1, {name}: required field is missing; add it"
        for name in ("project", "project-id", "centers", "datatypes")
    ]


def test_bad_group_id_matches_the_documented_message() -> None:
    text = one_project(centers="[{name: A, center-id: alpha}, {name: B, center-id: 'Beta!'}]")
    document_two = VALID.split("---\n", maxsplit=1)[0] + "---\n" + text
    [problem] = problems_of(document_two)
    assert problem.startswith(
        "project file, document 2, centers[1].center-id: 'Beta!' is not a valid group id ("
    )


def test_bad_project_id_and_datatype() -> None:
    problems = problems_of(one_project(**{"project-id": "Tau", "datatypes": "[form, 'MRI scans']"}))
    assert [p.split(":")[0] for p in problems] == [
        "project file, document 1, project-id",
        "project file, document 1, datatypes[1]",
    ]
    assert "'Tau' is not valid" in problems[0]


def test_duplicate_center_ids_and_datatypes() -> None:
    text = one_project(
        centers="[{name: A, center-id: alpha}, {name: B, center-id: beta},"
        " {name: C, center-id: alpha}]",
        datatypes="[form, dicom, form]",
    )
    assert problems_of(text) == [
        "project file, document 1, centers[2].center-id: duplicate center id 'alpha'"
        " (also centers[0].center-id); list each once",
        "project file, document 1, datatypes[2]: duplicate datatype 'form' (also datatypes[0]);"
        " list each once",
    ]


def test_empty_centers_and_datatypes() -> None:
    assert problems_of(one_project(centers="[]", datatypes="[]")) == [
        "project file, document 1, centers: must list at least one entry",
        "project file, document 1, datatypes: must list at least one entry",
    ]


def test_wrong_types_are_not_coerced() -> None:
    problems = problems_of(one_project(primary="'yes'", project="[a, b]"))
    assert [p.split(":")[0] for p in problems] == [
        "project file, document 1, project",
        "project file, document 1, primary",
    ]
    assert "got 'yes'" in problems[1]


def test_yaml_syntax_error_gives_line_and_column() -> None:
    text = "project: P\ncenters:\n  - name: A\n   center-id: [alpha\n"
    [problem] = problems_of(text)
    assert problem.startswith("project file, document 1, line 4, column 4: ")
    assert problem.endswith("fix the YAML syntax")


def test_a_key_given_twice_is_an_error() -> None:
    [problem] = problems_of("project: P\nproject-id: p\nproject: Q\n")
    assert problem.startswith(
        "project file, document 1, line 3, column 1: key 'project' is given twice"
    )


def test_several_problems_in_several_documents_at_once() -> None:
    text = (
        one_project(colour="red")
        + "---\n"
        + one_project(centers="[{name: A, center-id: 'A!'}]", datatypes="DROP")
        + "---\n- just\n- a list\n"
    )
    problems = problems_of(text)
    assert [p.split(":")[0] for p in problems] == [
        "project file, document 1, colour",
        "project file, document 2, centers[0].center-id",
        "project file, document 2, datatypes",
        "project file, document 3",
    ]


def test_documents_must_not_share_a_project_id_or_both_be_primary() -> None:
    text = one_project(primary="true") + "---\n" + one_project(primary="true")
    assert problems_of(text) == [
        "project file, document 2, project-id: 'p' is also the project id of document 1;"
        " use another id",
        "project file, document 2, primary: document 1 is already the primary project;"
        " only one project may be primary",
    ]


def test_release_group_of_a_published_project_must_be_a_group_id() -> None:
    [problem] = problems_of(one_project(**{"project-id": "tau-", "published": "true"}))
    assert problem.startswith(
        "project file, document 1, project-id: release group 'release-tau-' is not a valid"
    )


def test_an_empty_file_has_no_projects_but_empty_documents_are_skipped() -> None:
    assert problems_of("") == [
        "project file: has no project documents; describe at least one project"
    ]
    assert len(parse_projects("---\n" + one_project() + "---\n")) == 1


# -- hostile input (issue 9): bounded work, one short line per problem ------------------------

ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n"
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
)


def test_an_alias_bomb_is_refused_in_one_short_line() -> None:
    [problem] = problems_of(ALIAS_BOMB + "centers: *i\n")
    assert problem.startswith("project file, document 1, line 1, column 1: holds more than")
    assert "aliases" in problem and len(problem) < 300


def test_deep_nesting_is_refused_in_one_line() -> None:
    [problem] = problems_of("centers: " + "[" * 5000 + "]" * 5000 + "\n")
    assert problem.startswith("project file, document 1, line 1, column ")
    assert "nest more than 20 levels deep" in problem


def test_deep_nesting_through_aliases_is_refused() -> None:
    chain = "a: &a [[[[[[[[x]]]]]]]]\n" + "".join(
        f"{name}: &{name} [[[[[[[[*{previous}]]]]]]]]\n"
        for previous, name in zip("abcd", "bcde", strict=True)
    )
    [problem] = problems_of(chain)
    assert "nest more than 20 levels deep (aliases expanded)" in problem


def test_a_huge_file_is_not_read() -> None:
    [problem] = problems_of("project: " + "x" * 1_000_001 + "\n")
    assert problem.startswith("project file: is 1000011 characters long, over the limit")


def test_keys_must_be_text_and_each_is_named() -> None:
    text = one_project() + "[a, b]: 1\n{c: d}: 2\n3: three\n"
    assert problems_of(text) == [
        "project file, document 1, line 5, column 1: a key must be text, not a list;"
        " use one of the document's field names",
        "project file, document 1, line 6, column 1: a key must be text, not a mapping;"
        " use one of the document's field names",
        "project file, document 1, line 7, column 1: key '3' reads as a number, not text;"
        " quote it or use a field name",
    ]


def test_a_merge_key_is_refused_as_such() -> None:
    text = "base: &base {name: A, center-id: alpha}\n" + one_project(
        centers="[{<<: *base, tags: [x]}]"
    )
    [problem] = problems_of(text)
    assert problem == (
        "project file, document 1, line 4, column 12: merge keys ('<<') are not supported;"
        " write the fields out in full"
    )


def test_problems_of_every_document_are_reported_together() -> None:
    text = (
        one_project(colour="red")
        + "---\nproject: [unclosed\n"
        + "---\n"
        + one_project(project="P: Q: R")
        + "---\n"
        + "project: P\nproject: Q\n"
    )
    problems = problems_of(text)
    assert [p.split(":")[0] for p in problems] == [
        "project file, document 1, colour",
        "project file, document 2, line 8, column 1",
        "project file, document 3, line 9, column 11",
        "project file, document 4, line 15, column 1",
    ]


@pytest.mark.parametrize(
    ("center", "field"),
    [
        ('tags: ["adrc\\x07"]', "tags[0]"),
        ('tags: [" adrc"]', "tags[0]"),
        ('tags: ["adrc "]', "tags[0]"),
        ('tags: ["a\\nb"]', "tags[0]"),
        ('name: "Alpha\\tADRC"', "name"),
        ('name: " Alpha"', "name"),
        ('name: "Alpha\\u2028ADRC"', "name"),
    ],
)
def test_tags_and_names_flywheel_would_not_keep_as_written_are_refused(
    center: str, field: str
) -> None:
    text = one_project(centers=f"[{{center-id: alpha, {center}}}]")
    if field != "name":
        text = one_project(centers=f"[{{name: A, center-id: alpha, {center}}}]")
    [problem] = problems_of(text)
    assert problem.startswith(f"project file, document 1, centers[0].{field}: ")
    assert "control character" in problem or "space" in problem


def test_a_name_longer_than_a_flywheel_label_is_refused() -> None:
    [problem] = problems_of(one_project(project="P" * 60, published="true"))
    assert problem.startswith("project file, document 1, project: the release group's label")
    assert "Flywheel keeps at most 64" in problem


def test_a_center_may_not_use_the_admin_group_or_a_release_group() -> None:
    text = (
        one_project(**{"project-id": "tau", "published": "true"})
        + "---\n"
        + one_project(
            **{
                "project-id": "sigma",
                "centers": "[{name: A, center-id: nacc}, {name: B, center-id: release-tau}]",
            }
        )
    )
    with pytest.raises(InvocationError) as raised:
        parse_projects(text, admin_group="nacc")
    assert list(raised.value.problems) == [
        "project file, document 2, centers[0].center-id: 'nacc' is the admin group (config"
        " admin_group); a center needs a group of its own",
        "project file, document 2, centers[1].center-id: 'release-tau' is the release group of"
        " document 1; a center needs a group of its own",
    ]


def test_a_release_group_may_not_be_the_admin_group() -> None:
    with pytest.raises(InvocationError) as raised:
        parse_projects(
            one_project(**{"project-id": "x", "published": "true"}), admin_group="release-x"
        )
    assert list(raised.value.problems) == [
        "project file, document 1, project-id: the release group 'release-x' is the admin group"
        " (config admin_group); use another project id"
    ]


def test_long_values_are_quoted_short() -> None:
    problems = problems_of(one_project(**{"project-id": "X" * 100_000}))
    assert len(problems[0]) < 300 and "(100000 characters)" in problems[0]
