"""The project file: YAML documents, one project each, checked into pydantic models.

Every problem in the file is reported at once, one line each, as
`project file, document 2, centers[1].center-id: 'Beta!' is not a valid group id ...`.
Documents count from 1 (the first document is `document 1`); list positions count from 0, as
in the YAML's own order (`centers[0]` is the first center). YAML syntax errors give the line
and column (both counting from 1). Unknown keys and keys given twice in a mapping are errors,
so a typo is never silently ignored.

Group ids follow Flywheel's own rule (`flywheel_ids`); the centers' groups and
`release-<project-id>` must match it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
)
from pydantic_core import ErrorDetails, PydanticCustomError

from flywheel_ids import GROUP_ID_RULE, is_group_id
from gear_runner import InvocationError

SOURCE = "project file"
NAME_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
NAME_ID_RULE = "lower-case letters, digits and '-', starting with a letter or digit"
RELEASE_PREFIX = "release-"


def _group_id(value: str) -> str:
    if not is_group_id(value):
        raise PydanticCustomError(
            "group_id", f"{value!r} is not a valid group id ({GROUP_ID_RULE})"
        )
    return value


def _name_id(value: str) -> str:
    if NAME_ID.fullmatch(value) is None:
        raise PydanticCustomError("name_id", f"{value!r} is not valid ({NAME_ID_RULE})")
    return value


GroupId = Annotated[str, AfterValidator(_group_id)]
NameId = Annotated[str, AfterValidator(_name_id)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Center(_Strict):
    """One participating center: it becomes the group `<center-id>`."""

    name: Text
    center_id: GroupId = Field(alias="center-id")
    is_active: bool = Field(default=True, alias="is-active")
    tags: list[Text] = Field(default_factory=list)


class Project(_Strict):
    """One project document."""

    project: Text
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


# -- YAML -----------------------------------------------------------------------------------


class _UniqueKeyLoader(yaml.SafeLoader):
    """A SafeLoader that refuses a key given twice in one mapping (the last would win)."""


def _construct_unique_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> Any:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if isinstance(key, str) and key in seen:
            raise yaml.constructor.ConstructorError(
                "while reading a mapping",
                node.start_mark,
                f"key {key!r} is given twice",
                key_node.start_mark,
            )
        seen.add(key)
    return loader.construct_mapping(node)


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_unique_mapping,
)


def _yaml_problem(error: yaml.YAMLError) -> str:
    if isinstance(error, yaml.MarkedYAMLError) and error.problem_mark is not None:
        mark = error.problem_mark
        problem = error.problem or "invalid YAML"
        context = f" ({error.context})" if error.context else ""
        return (
            f"{SOURCE}, line {mark.line + 1}, column {mark.column + 1}: {problem}{context};"
            " fix the YAML syntax"
        )
    return f"{SOURCE}: not valid YAML: {error}"


def read_documents(text: str) -> list[Any]:
    """Every YAML document in `text` (empty documents as None); InvocationError on bad YAML."""
    try:
        return list(yaml.load_all(text, Loader=_UniqueKeyLoader))
    except yaml.YAMLError as error:
        raise InvocationError(_yaml_problem(error)) from None


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
    if kind in ("group_id", "name_id"):
        return error["msg"]
    if kind == "string_too_short":
        return "must not be empty"
    return f"{error['msg']} (got {error['input']!r})"


def _duplicates(values: list[tuple[int, Any]], field: str, what: str) -> list[str]:
    counts = Counter(value for _, value in values if isinstance(value, str))
    problems = []
    for position, value in values:
        if isinstance(value, str) and counts[value] > 1:
            first = next(p for p, v in values if v == value)
            if position != first:
                problems.append(
                    f"{field.format(position)}: duplicate {what} {value!r}"
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
        kind = "a list" if isinstance(document, list) else repr(document)
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
    if project is not None and project.published and not is_group_id(project.release_group_id):
        problems.append(
            f", project-id: release group {project.release_group_id!r} is not a valid group id"
            f" ({GROUP_ID_RULE}); shorten or change the project id"
        )
    return (None if problems else project), problems


def _cross_document_problems(projects: list[tuple[int, Project]]) -> list[str]:
    problems = []
    first_with_id: dict[str, int] = {}
    first_primary: int | None = None
    for number, project in projects:
        if project.project_id in first_with_id:
            problems.append(
                f"{SOURCE}, document {number}, project-id: {project.project_id!r} is also the"
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


def parse_projects(text: str) -> list[Project]:
    """The projects of a project file's text; InvocationError listing every problem."""
    documents = read_documents(text)
    problems: list[str] = []
    projects: list[tuple[int, Project]] = []
    for number, document in enumerate(documents, start=1):
        if document is None:
            continue  # an empty document (e.g. a trailing `---`)
        project, found = _document_problems(document)
        problems += [f"{SOURCE}, document {number}{problem}" for problem in found]
        if project is not None:
            projects.append((number, project))
    if not problems and not projects:
        problems.append(f"{SOURCE}: has no project documents; describe at least one project")
    problems += _cross_document_problems(projects)
    if problems:
        raise InvocationError(*problems)
    return [project for _, project in projects]


def load_projects(path: Path) -> list[Project]:
    """The projects of the project file at `path`; InvocationError listing every problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise InvocationError(
            f"{SOURCE} {path.name}: not UTF-8 text (byte {error.start}); save it as UTF-8"
        ) from None
    except OSError as error:
        raise InvocationError(f"{SOURCE} {path.name}: cannot read it ({error.strerror})") from None
    return parse_projects(text)
