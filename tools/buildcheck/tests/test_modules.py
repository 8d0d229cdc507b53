"""Module resolution in buildcheck: this repository's graph (golden) and pins it refuses."""

from __future__ import annotations

import io
import json
from pathlib import Path

from bcr_facts.record import DEFAULT_PATH
from buildcheck.cli import print_modules
from buildcheck.tests.fixture_repo import MODULE, RESOLUTION, lines, make_repo

GOLDEN = Path(__file__).with_name("modules.golden")
REPO = Path(__file__).absolute().parents[3]


def test_resolved_graph_of_this_repository_matches_the_golden_file() -> None:
    out = io.StringIO()
    assert print_modules(REPO, out) == 0
    assert out.getvalue() == GOLDEN.read_text(encoding="utf-8")
    assert "rules_oci@2.3.0\n" in out.getvalue()


def test_fixed_fixture_passes(tmp_path: Path) -> None:
    assert lines(make_repo(tmp_path)) == []


def test_a_version_the_registry_lacks_is_refused(tmp_path: Path) -> None:
    module = MODULE.replace('"rules_oci", version = "2.3.0"', '"rules_oci", version = "2.3.2"')
    found = lines(make_repo(tmp_path, {"MODULE.bazel": module}))
    assert (
        "MODULE.bazel: rules_oci@2.3.2 (wanted by <root>): the registry has no version 2.3.2 "
        "of rules_oci; its newest is 2.3.0 (registry commit 51181a8, 2026-08-22)"
    ) in found


def test_a_yanked_version_is_refused(tmp_path: Path) -> None:
    record = json.loads(str(RESOLUTION[DEFAULT_PATH]))
    record["modules"]["rules_python"]["yanked_versions"]["2.3.2"] = "broken wheel index"
    found = lines(make_repo(tmp_path, {DEFAULT_PATH: json.dumps(record)}))
    assert found == [
        "MODULE.bazel: rules_python@2.3.2: yanked in the registry: broken wheel index "
        "(registry commit 51181a8, 2026-08-22); pin a version that is not yanked"
    ]


def test_a_missing_record_is_one_line(tmp_path: Path) -> None:
    found = lines(make_repo(tmp_path, {DEFAULT_PATH: None}))
    assert found == [
        f"MODULE.bazel: {tmp_path / DEFAULT_PATH}: no registry record "
        "(write one with ./dev bcr-refresh)"
    ]
