"""Hostile project files and config values, through the runtime, the real flywheel-sdk and the
stand-in: one short line per problem, never a traceback, nothing written (issue 9)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from flywheel_standin import Fault, StandIn
from gear_pytest.fixtures_standin import StandInFactory
from gear_run import config_from_manifest, write_gear_folder
from gear_runner import ExitCode, execute_gear
from project_app.run import main

MANIFEST = Path(__file__).parent.parent.parent / "src" / "docker" / "manifest.json"
SEED: dict[str, Any] = {
    "users": [{"id": "admin@example.org", "email": "admin@example.org"}],
    "groups": [
        {
            "id": "nacc",
            "label": "NACC",
            "permissions": [{"id": "admin@example.org", "access": "admin"}],
        }
    ],
}
GOOD_CENTER = "{name: Alpha ADRC, center-id: alpha}"


def project(centers: str = f"[{GOOD_CENTER}]", **fields: str) -> str:
    lines = {"project": "Project Tau", "project-id": "tau", "centers": centers}
    lines |= {"datatypes": "[form]"} | fields
    return "".join(f"{key}: {value}\n" for key, value in lines.items())


@pytest.fixture
def standin(standin_factory: StandInFactory) -> StandIn:
    return standin_factory(SEED)


def run_gear(tmp_path: Path, standin: StandIn, text: str, **config: Any) -> int:
    project_file = tmp_path / "projects.yaml"
    project_file.write_text(text)
    manifest = json.loads(MANIFEST.read_text())
    values = config_from_manifest(manifest, {}) | config
    folder = tmp_path / "gear"
    write_gear_folder(folder, MANIFEST, values, {"project_file": project_file}, standin.api_key())
    return execute_gear(main, folder)


def assert_refused(
    capfd: pytest.CaptureFixture[str], code: int, standin: StandIn, *expected: str
) -> list[str]:
    """Exit 2, no traceback, nothing written, short error lines naming each of `expected`."""
    captured = capfd.readouterr()
    log = captured.err
    assert code == ExitCode.INVALID, log[-2000:]
    assert len(captured.out) < 20_000  # the INFO lines too
    assert "Traceback" not in log
    assert standin.writes() == []
    lines = [line for line in log.splitlines() if "ERROR" in line]
    assert lines and all(len(line) < 500 for line in lines), lines
    assert len(log) < 20_000
    for part in expected:
        assert any(part in line for line in lines), (part, lines)
    return lines


# 9**7 strings once expanded: before issue 9 the error message quoted all of them (~35 MB).
ALIAS_BOMB = "- &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"- &{name} [{', '.join([f'*{previous}'] * 9)}]\n"
    for previous, name in zip("abcdef", "bcdefg", strict=True)
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            project(project="\n" + ALIAS_BOMB.replace("- &", "  - &") + "  - *g"),
            "holds more than 100000 values once its aliases",
        ),
        (project(centers="[" * 3000 + "]" * 3000), "nest more than 20 levels deep"),
        (project() + "[a, b]: 1\n", "a key must be text, not a list"),
        (
            "base: &base {name: Alpha, center-id: alpha}\n" + project(centers="[{<<: *base}]"),
            "merge keys ('<<') are not supported",
        ),
        (project(centers="[{name: N, center-id: nacc}]"), "'nacc' is the admin group"),
        (
            project(published="true")
            + "---\n"
            + project(centers="[{name: R, center-id: release-tau}]", **{"project-id": "sigma"}),
            "'release-tau' is the release group of document 1",
        ),
    ],
    ids=["alias-bomb", "deep-nesting", "list-as-key", "merge-key", "admin-group", "release-group"],
)
def test_a_refused_project_file_gives_short_lines_and_writes_nothing(
    tmp_path: Path,
    standin: StandIn,
    capfd: pytest.CaptureFixture[str],
    text: str,
    expected: str,
) -> None:
    assert_refused(capfd, run_gear(tmp_path, standin, text), standin, expected)


def test_problems_of_all_documents_are_reported_in_one_run(
    tmp_path: Path, standin: StandIn, capfd: pytest.CaptureFixture[str]
) -> None:
    text = project() + "project: Q\n" + "---\n" + project(**{"project-id": "Bad!"})
    code = run_gear(tmp_path, standin, text)
    assert_refused(
        capfd,
        code,
        standin,
        "document 1, line 5, column 1: key 'project' is given twice",
        "document 2, project-id: 'Bad!' is not valid",
    )


@pytest.mark.parametrize(
    ("center", "expected"),
    [
        ('{name: Beta, center-id: beta, tags: ["qc\\x1b[31m"]}', "control character"),
        ('{name: Beta, center-id: beta, tags: ["qc "]}', "starts or ends with a space"),
        ('{name: "Beta\\r\\nADRC", center-id: beta}', "control character"),
        ('{name: " Beta", center-id: beta}', "starts or ends with a space"),
    ],
    ids=["tag-escape", "tag-space", "name-newline", "name-space"],
)
def test_tags_and_labels_flywheel_would_not_keep_are_refused_before_any_write(
    tmp_path: Path,
    standin: StandIn,
    capfd: pytest.CaptureFixture[str],
    center: str,
    expected: str,
) -> None:
    code = run_gear(tmp_path, standin, project(centers=f"[{GOOD_CENTER}, {center}]"))
    assert_refused(capfd, code, standin, expected)


def test_a_huge_config_value_is_quoted_short_everywhere(
    tmp_path: Path, standin: StandIn, capfd: pytest.CaptureFixture[str]
) -> None:
    code = run_gear(tmp_path, standin, project(), admin_group="X" * 5_000_000)
    assert_refused(capfd, code, standin, "config admin_group: 'XXXX", "(5000000 characters)")


# -- odd server answers: exit 1, one line, the report's totals agree with its failures ---------

HTML = "<html><body><h1>502 Bad Gateway</h1></body></html>"


@pytest.mark.parametrize(
    ("path", "body", "content_type"),
    [
        ("/api/groups", "{}", "application/json"),
        ("/api/groups", HTML, "text/html"),
        ("/api/groups", "", "application/json"),
        ("/api/groups", "null", "application/json"),
        ("/api/groups", '[{"label": "no id"}]', "application/json"),
        ("/api/roles", '{"results": 5}', "application/json"),
        ("/api/groups/alpha/projects", "{}", "application/json"),
        ("/api/auth/status", HTML, "text/html"),
    ],
    ids=[
        "groups-{}",
        "groups-html",
        "groups-empty",
        "groups-null",
        "groups-no-id",
        "roles-odd-page",
        "projects-{}",
        "auth-html",
    ],
)
def test_an_odd_server_answer_is_one_line_and_exit_1(
    tmp_path: Path,
    standin_factory: StandInFactory,
    capfd: pytest.CaptureFixture[str],
    path: str,
    body: str,
    content_type: str,
) -> None:
    alpha = {"id": "alpha", "label": "Alpha ADRC"}  # its projects are listed
    standin = standin_factory({**SEED, "groups": [*SEED["groups"], alpha]})
    standin.add_fault(Fault("GET", path, status=200, body=body, content_type=content_type))
    code = run_gear(tmp_path, standin, project())
    log = capfd.readouterr().err
    assert code == ExitCode.FAILED, log[-2000:]
    assert "Traceback" not in log and "gear bug" not in log
    errors = [line for line in log.splitlines() if "ERROR" in line]
    assert errors and all(len(line) < 500 for line in errors), errors
    assert any("answer" in line for line in errors), errors
    report = tmp_path / "gear" / "output" / "project-management-report.json"
    if report.is_file():
        data = json.loads(report.read_text())
        assert data["totals"]["failed"] == len(data["failures"]) >= 1
