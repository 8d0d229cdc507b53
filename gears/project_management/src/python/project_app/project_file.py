"""The project file: YAML documents, one project each, checked into pydantic models.

Every problem in the file is reported at once, one line each, as
`project file, document 2, centers[1].center-id: 'Beta!' is not a valid group id ...`.
Documents count from 1 (the first document is `document 1`); list positions count from 0, as
in the YAML's own order (`centers[0]` is the first center). YAML problems (syntax, keys that
are not text, merge keys, keys given twice, size and nesting limits) give the line and column
(both counting from 1), for every document at once (`yaml_documents`). Unknown keys are
errors, so a typo is never silently ignored.

Group ids follow Flywheel's own rule (`flywheel_ids`); the centers' groups and
`release-<project-id>` must match it. Names (which become group labels) and tags must be text
Flywheel keeps as written (`flywheel_ids.texts`: no control characters, no leading or trailing
spaces). A center may not use a group the file reserves: the admin group or a published
project's release group.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
)
from pydantic_core import ErrorDetails, PydanticCustomError

from flywheel_ids import GROUP_ID_RULE, is_group_id, label_problem, tag_problem
from gear_runner import InvocationError
from message_quotes import quoted
from project_app.yaml_documents import read_documents

SOURCE = "project file"
NAME_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
NAME_ID_RULE = "lower-case letters, digits and '-', starting with a letter or digit"
RELEASE_PREFIX = "release-"
RELEASE_LABEL_SUFFIX = " Release"


def _group_id(value: str) -> str:
    if not is_group_id(value):
        raise PydanticCustomError(
            "group_id", f"{quoted(value)} is not a valid group id ({GROUP_ID_RULE})"
        )
    return value


def _name_id(value: str) -> str:
    if NAME_ID.fullmatch(value) is None:
        raise PydanticCustomError("name_id", f"{quoted(value)} is not valid ({NAME_ID_RULE})")
    return value


def _label(value: str) -> str:
    problem = label_problem(value)
    if problem is not None:
        raise PydanticCustomError("flywheel_text", f"{quoted(value)} {problem}")
    return value


def _tag(value: str) -> str:
    problem = tag_problem(value)
    if problem is not None:
        raise PydanticCustomError("flywheel_text", f"tag {quoted(value)} {problem}")
    return value


GroupId = Annotated[str, AfterValidator(_group_id)]
NameId = Annotated[str, AfterValidator(_name_id)]
Label = Annotated[str, AfterValidator(_label)]  # becomes a Flywheel label (flywheel_ids.texts)
Tag = Annotated[str, AfterValidator(_tag)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Center(_Strict):
    """One participating center: it becomes the group `<center-id>`."""

    name: Label
    center_id: GroupId = Field(alias="center-id")
    is_active: bool = Field(default=True, alias="is-active")
    tags: list[Tag] = Field(default_factory=list)


class Project(_Strict):
    """One project document."""

    project: Label
    project_id: NameId = Field(alias="project-id")
    primary: bool = False
    centers: list[Center] = Field(min_length=1)
    datatypes: list[NameId] = Field(min_length=1)
    published: bool = False

    @property
    def suffix(self) -> str:
        """`S` of the spec: empty for the primary project, else `-<project-id>`."""
        return "" if self.primary else f"-{self.project_id}"

    @property
    def release_group_id(self) -> str:
        """The group a published project is released into."""
        return f"{RELEASE_PREFIX}{self.project_id}"

    @property
    def release_label(self) -> str:
        """The label of the release group."""
        return f"{self.project}{RELEASE_LABEL_SUFFIX}"


# -- problems -------------------------------------------------------------------------------


def _field_path(loc: Iterable[int | str]) -> str:
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path or "(document)"


def _allowed_keys(model: type[BaseModel]) -> str:
    return ", ".join(field.alias or name for name, field in model.model_fields.items())


def _model_at(loc: tuple[int | str, ...]) -> type[BaseModel]:
    return Center if loc and loc[0] == "centers" else Project


def _message(error: ErrorDetails) -> str:
    kind = error["type"]
    loc = error["loc"]
    if kind == "missing":
        return "required field is missing; add it"
    if kind == "extra_forbidden":
        return f"unknown key; allowed keys: {_allowed_keys(_model_at(loc[:-1]))}"
    if kind == "too_short" and loc and loc[-1] in ("centers", "datatypes"):
        return "must list at least one entry"
    if kind in ("group_id", "name_id", "flywheel_text"):
        return error["msg"]
    return f"{error['msg']} (got {quoted(error['input'])})"


def _duplicates(values: list[tuple[int, Any]], field: str, what: str) -> list[str]:
    counts = Counter(value for _, value in values if isinstance(value, str))
    problems = []
    for position, value in values:
        if isinstance(value, str) and counts[value] > 1:
            first = next(p for p, v in values if v == value)
            if position != first:
                problems.append(
                    f"{field.format(position)}: duplicate {what} {quoted(value)}"
                    f" (also {field.format(first)}); list each once"
                )
    return problems


def _list_duplicates(document: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    centers = document.get("centers")
    if isinstance(centers, list):
        ids = [
            (i, center.get("center-id"))
            for i, center in enumerate(centers)
            if isinstance(center, dict)
        ]
        problems += _duplicates(ids, "centers[{}].center-id", "center id")
    datatypes = document.get("datatypes")
    if isinstance(datatypes, list):
        problems += _duplicates(list(enumerate(datatypes)), "datatypes[{}]", "datatype")
    return problems


def _document_problems(document: Any) -> tuple[Project | None, list[str]]:
    """The document's project (None when it has problems) and its problems.

    Each problem starts with its separator and field path (`, centers[0].name: ...`).
    """
    if not isinstance(document, dict):
        kind = "a list" if isinstance(document, list) else quoted(document)
        return None, [
            f": must be a mapping of project fields (project, project-id, ...), not {kind}"
        ]
    problems: list[str] = []
    project: Project | None = None
    try:
        project = Project.model_validate(document)
    except ValidationError as error:
        problems += [f", {_field_path(e['loc'])}: {_message(e)}" for e in error.errors()]
    problems += [f", {problem}" for problem in _list_duplicates(document)]
    if project is not None and project.published:
        problems += _release_problems(project)
    return (None if problems else project), problems


def _release_problems(project: Project) -> list[str]:
    """The release group's id and label must be ones Flywheel keeps as they are."""
    problems = []
    if not is_group_id(project.release_group_id):
        problems.append(
            f", project-id: release group {quoted(project.release_group_id)} is not a valid"
            f" group id ({GROUP_ID_RULE}); shorten or change the project id"
        )
    label = label_problem(project.release_label)
    if label is not None:
        problems.append(
            f", project: the release group's label {quoted(project.release_label)} {label}"
        )
    return problems


def _cross_document_problems(projects: list[tuple[int, Project]]) -> list[str]:
    problems = []
    first_with_id: dict[str, int] = {}
    first_primary: int | None = None
    for number, project in projects:
        if project.project_id in first_with_id:
            problems.append(
                f"{SOURCE}, document {number}, project-id: {quoted(project.project_id)} is also the"
                f" project id of document {first_with_id[project.project_id]}; use another id"
            )
        first_with_id.setdefault(project.project_id, number)
        if project.primary:
            if first_primary is not None:
                problems.append(
                    f"{SOURCE}, document {number}, primary: document {first_primary} is already"
                    " the primary project; only one project may be primary"
                )
            else:
                first_primary = number
    return problems


def reserved_groups(projects: list[tuple[int, Project]], admin_group: str | None) -> dict[str, str]:
    """Group id -> what reserves it: the admin group and every published project's release
    group. A center placed in one of them would put its projects among the administrators' or
    the released data."""
    reserved: dict[str, str] = {}
    if admin_group is not None:
        reserved[admin_group] = "the admin group (config admin_group)"
    for number, project in projects:
        if project.published:
            reserved.setdefault(project.release_group_id, f"the release group of document {number}")
    return reserved


def _reserved_group_problems(
    projects: list[tuple[int, Project]], admin_group: str | None
) -> list[str]:
    reserved = reserved_groups(projects, admin_group)
    problems = []
    for number, project in projects:
        where = f"{SOURCE}, document {number}"
        for index, center in enumerate(project.centers):
            owner = reserved.get(center.center_id)
            if owner is not None:
                problems.append(
                    f"{where}, centers[{index}].center-id: {quoted(center.center_id)} is {owner};"
                    " a center needs a group of its own"
                )
        if project.published and project.release_group_id == admin_group:
            problems.append(
                f"{where}, project-id: the release group {quoted(project.release_group_id)} is"
                " the admin group (config admin_group); use another project id"
            )
    return problems


def parse_projects(text: str, *, admin_group: str | None = None) -> list[Project]:
    """The projects of a project file's text; InvocationError listing every problem.

    `admin_group` (config admin_group), when given, is reserved: no center may use it.
    """
    problems: list[str] = []
    projects: list[tuple[int, Project]] = []
    for document in read_documents(text, SOURCE):
        problems += document.problems
        if document.problems or document.value is None:
            continue  # broken, or an empty document (e.g. a trailing `---`)
        project, found = _document_problems(document.value)
        problems += [f"{SOURCE}, document {document.number}{problem}" for problem in found]
        if project is not None:
            projects.append((document.number, project))
    if not problems and not projects:
        problems.append(f"{SOURCE}: has no project documents; describe at least one project")
    problems += _cross_document_problems(projects)
    problems += _reserved_group_problems(projects, admin_group)
    if problems:
        raise InvocationError(*problems)
    return [project for _, project in projects]


def load_projects(path: Path, *, admin_group: str | None = None) -> list[Project]:
    """The projects of the project file at `path`; InvocationError listing every problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise InvocationError(
            f"{SOURCE} {path.name}: not UTF-8 text (byte {error.start}); save it as UTF-8"
        ) from None
    except OSError as error:
        raise InvocationError(f"{SOURCE} {path.name}: cannot read it ({error.strerror})") from None
    return parse_projects(text, admin_group=admin_group)
