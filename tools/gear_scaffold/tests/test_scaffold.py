"""`./dev new-gear`: the whole layout, checked first, written at once, registered in GEARS."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from config_usage import check_gear
from gear_scaffold import ScaffoldError, create_gear, plan_gear
from gear_scaffold.gear_list import gear_folders, with_gear
from manifest_check.check import check_manifest
from manifest_check.release import release_problems

GEARS_BZL = '''"""The gear list."""

# Folder names under gears/.
GEARS = [
    "project_management",
]
'''
TODAY = date(2026, 11, 25)


def make_root(root: Path) -> Path:
    (root / "tools" / "bazel").mkdir(parents=True)
    (root / "tools" / "bazel" / "gears.bzl").write_text(GEARS_BZL)
    (root / "tools" / "bazel" / "registry.bzl").write_text(
        'GEAR_REGISTRY = "index.docker.io/naccdata"\n'
    )
    (root / "gears" / "project_management" / "src" / "python" / "project_app").mkdir(parents=True)
    return root


def snapshot(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): p.read_text() for p in sorted(root.rglob("*")) if p.is_file()}


def test_new_gear_writes_the_whole_layout_and_registers_it(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    folder = create_gear(root, "sample-gear", today=TODAY)

    assert folder == root / "gears" / "sample_gear"
    assert sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()) == [
        "CHANGELOG.md",
        "data/BUILD.bazel",
        "data/standin-seed.yaml",
        "src/docker/BUILD.bazel",
        "src/docker/manifest.json",
        "src/python/BUILD.bazel",
        "src/python/sample_gear_app/BUILD.bazel",
        "src/python/sample_gear_app/__init__.py",
        "src/python/sample_gear_app/main.py",
        "src/python/sample_gear_app/run.py",
        "test/python/BUILD.bazel",
        "test/python/test_sample_gear_app.py",
    ]
    assert gear_folders((root / "tools/bazel/gears.bzl").read_text()) == [
        "project_management",
        "sample_gear",
    ]
    assert folder.stat().st_mode & 0o777 == 0o755
    assert not [p for p in (root / "gears").iterdir() if p.name.startswith(".")]


def test_the_new_manifest_passes_the_manifest_check(tmp_path: Path) -> None:
    folder = create_gear(make_root(tmp_path), "sample-gear", gear_bot=True, inputs=["centers"])
    manifest_path = folder / "src/docker/manifest.json"
    problems = check_manifest(
        manifest_path, "sample-gear", "index.docker.io/naccdata/sample-gear", ["0.1.0", "latest"]
    )
    assert problems == []
    manifest = json.loads(manifest_path.read_text())
    assert manifest["version"] == "0.1.0"
    assert manifest["custom"]["gear-builder"]["image"] == "naccdata/sample-gear:0.1.0"
    assert manifest["inputs"]["api-key"]["base"] == "api-key"
    assert manifest["inputs"]["centers"]["base"] == "file"
    assert manifest["config"]["apikey_path_prefix"] == {
        "type": "string",
        "enum": ["", "/prod/flywheel/gearbot"],
        "default": "",
        "description": manifest["config"]["apikey_path_prefix"]["description"],
    }


def test_a_fresh_gear_is_not_ready_for_a_release(tmp_path: Path) -> None:
    folder = create_gear(make_root(tmp_path), "sample-gear", inputs=["centers:csv"])
    manifest = json.loads((folder / "src/docker/manifest.json").read_text())
    assert [field for field, _ in release_problems(manifest)] == [
        "source",
        "url",
        "description",
        "inputs.centers.description",
    ]


def test_gear_bot_gears_get_a_test_of_the_bot_key_path(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    with_bot = create_gear(root, "bot-gear", gear_bot=True)
    without = create_gear(root, "plain-gear")
    bot_test = (with_bot / "test/python/test_bot_gear_app.py").read_text()
    plain_test = (without / "test/python/test_plain_gear_app.py").read_text()
    assert "def test_the_gear_bot_key_from_ssm_does_the_work(" in bot_test
    assert "from gear_pytest.fixtures_aws import MotoSsm" in bot_test
    assert "moto_ssm.put_bot_key(prefix" in bot_test
    assert "gear_bot" not in plain_test and "MotoSsm" not in plain_test


def test_without_gear_bot_there_is_no_prefix_option(tmp_path: Path) -> None:
    folder = create_gear(make_root(tmp_path), "sample-gear")
    manifest = json.loads((folder / "src/docker/manifest.json").read_text())
    assert "apikey_path_prefix" not in manifest["config"]
    assert sorted(manifest["inputs"]) == ["api-key"]


def test_the_new_gear_reads_exactly_what_it_declares(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    folder = create_gear(root, "sample-gear", gear_bot=True, inputs=["project_file", "centers"])
    assert check_gear(folder, root) == []
    run_py = (folder / "src/python/sample_gear_app/run.py").read_text()
    assert 'project_file=args.inputs.path("project_file"),' in run_py
    assert (folder / "data/project-file.txt").is_file()
    assert (folder / "data/centers.txt").is_file()


@pytest.mark.parametrize(
    ("given", "example", "file_type"),
    [
        ("centers", "centers.txt", "text"),
        ("centers:csv", "centers.csv", "tabular data"),
        ("center_list:.TSV", "center-list.tsv", "tabular data"),
        ("centers:json", "centers.json", "source code"),
        ("centers:yaml", "centers.yaml", "source code"),
        ("centers:nii", "centers.nii", "text"),
    ],
)
def test_the_input_extension_names_the_example_and_the_file_type(
    tmp_path: Path, given: str, example: str, file_type: str
) -> None:
    root = make_root(tmp_path)
    folder = create_gear(root, "sample-gear", inputs=[given])
    name = given.split(":", maxsplit=1)[0]
    assert sorted(p.name for p in (folder / "data").glob(f"{name.replace('_', '-')}.*")) == [
        example
    ]
    manifest = json.loads((folder / "src/docker/manifest.json").read_text())
    assert manifest["inputs"][name]["type"] == {"enum": [file_type]}
    assert check_gear(folder, root) == []
    text = (folder / "data" / example).read_text()
    if example.endswith(".csv"):
        assert text.splitlines()[0] == "name,note"
    if example.endswith(".json"):
        assert json.loads(text)["note"].startswith("Example centers for sample-gear")


def test_the_changelog_has_an_empty_unreleased_section_and_the_first_version(
    tmp_path: Path,
) -> None:
    folder = create_gear(make_root(tmp_path), "sample-gear", today=TODAY)
    text = (folder / "CHANGELOG.md").read_text()
    assert "## Unreleased\n\n## 0.1.0 - 2026-11-25\n" in text


@pytest.mark.parametrize(
    ("name", "inputs", "reason"),
    [
        ("Bad_Name", [], "lower-case letters"),
        ("project-management", [], "gears/project_management already exists"),
        ("project", [], "app package 'project_app' exists"),
        ("sample-gear", ["api_key"], "reserved"),
        ("sample-gear", ["centers:c.s.v"], "the extension after ':' must be letters and digits"),
        ("sample-gear", ["centers:"], "the extension after ':' must be letters and digits"),
    ],
)
def test_refused_gears_write_nothing(
    tmp_path: Path, name: str, inputs: list[str], reason: str
) -> None:
    root = make_root(tmp_path)
    before = snapshot(root)
    with pytest.raises(ScaffoldError, match=reason):
        create_gear(root, name, inputs=inputs)
    assert snapshot(root) == before
    assert sorted(p.name for p in (root / "gears").iterdir()) == ["project_management"]


def test_a_gear_list_that_is_not_a_literal_is_refused_before_writing(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    (root / "tools/bazel/gears.bzl").write_text("GEARS = OTHER + []\n")
    with pytest.raises(ScaffoldError, match="no literal GEARS"):
        create_gear(root, "sample-gear")
    assert not (root / "gears/sample_gear").exists()


def test_plan_gear_writes_nothing(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    before = snapshot(root)
    names, files = plan_gear(root, "sample-gear", inputs=["centers"])
    assert names.app == "sample_gear_app"
    assert "data/centers.txt" in files
    assert snapshot(root) == before


def test_gear_list_stays_sorted_one_per_line() -> None:
    text = with_gear(GEARS_BZL, "alpha")
    assert text.endswith('GEARS = [\n    "alpha",\n    "project_management",\n]\n')
    assert with_gear(text, "alpha") == text
