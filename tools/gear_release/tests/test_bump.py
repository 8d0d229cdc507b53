"""`./dev bump`: manifest, BUILD tags and CHANGELOG move together, or nothing is written."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from gear_release.bump import BumpError, bump_gear, plan_bump
from manifest_check.check import check_manifest

TODAY = date(2026, 11, 25)

MANIFEST = """{
  "name": "sample-gear",
  "label": "Sample",
  "description": "d",
  "version": "0.1.0",
  "author": "a",
  "license": "MIT",
  "source": "",
  "url": "",
  "command": "/bin/run",
  "custom": {
    "gear-builder": {
      "category": "utility",
      "image": "naccdata/sample-gear:0.1.0"
    }
  },
  "inputs": {
    "project_file": {"base": "file", "type": {"enum": ["text"]}}
  },
  "config": {}
}
"""

BUILD = """load("//tools/bazel:gear.bzl", "flywheel_gear")

# bazel run :push
flywheel_gear(
    name = "sample-gear",
    binary = "//gears/sample_gear/src/python/sample_gear_app:bin",
    image_tags = [
        "0.1.0",
        "latest",
        "stable",
    ],
    manifest = "manifest.json",
)
"""

CHANGELOG = """# Changelog: sample-gear

## Unreleased

- Added the thing.
- Fixed the other thing.

## 0.1.0 - 2026-01-02

- First release.
"""


def make_tree(root: Path, *, build: str = BUILD, changelog: str = CHANGELOG) -> Path:
    (root / "tools" / "bazel").mkdir(parents=True)
    (root / "tools" / "bazel" / "registry.bzl").write_text(
        'GEAR_REGISTRY = "index.docker.io/naccdata"\n'
    )
    gear = root / "gears" / "sample_gear"
    (gear / "src" / "docker").mkdir(parents=True)
    (gear / "src" / "docker" / "manifest.json").write_text(MANIFEST)
    (gear / "src" / "docker" / "BUILD.bazel").write_text(build)
    (gear / "CHANGELOG.md").write_text(changelog)
    return gear


def snapshot(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): p.read_text() for p in sorted(root.rglob("*")) if p.is_file()}


def test_bump_changes_manifest_tags_and_changelog_together(tmp_path: Path) -> None:
    gear = make_tree(tmp_path)
    before = snapshot(tmp_path)
    plan = bump_gear(tmp_path, gear, "0.2.0", today=TODAY)
    after = snapshot(tmp_path)

    assert (plan.old_version, plan.new_version) == ("0.1.0", "0.2.0")
    assert plan.had_notes
    changed = {path for path in after if after[path] != before[path]}
    assert changed == {
        "gears/sample_gear/src/docker/manifest.json",
        "gears/sample_gear/src/docker/BUILD.bazel",
        "gears/sample_gear/CHANGELOG.md",
    }
    manifest = json.loads(after["gears/sample_gear/src/docker/manifest.json"])
    assert manifest["version"] == "0.2.0"
    assert manifest["custom"]["gear-builder"]["image"] == "naccdata/sample-gear:0.2.0"
    # Only the two values changed: the file's own formatting is kept.
    assert after["gears/sample_gear/src/docker/manifest.json"] == MANIFEST.replace(
        '"0.1.0"', '"0.2.0"'
    ).replace("sample-gear:0.1.0", "sample-gear:0.2.0")
    assert after["gears/sample_gear/src/docker/BUILD.bazel"] == BUILD.replace(
        '"0.1.0",', '"0.2.0",'
    )
    assert after["gears/sample_gear/CHANGELOG.md"] == (
        "# Changelog: sample-gear\n\n"
        "## Unreleased\n\n"
        "## 0.2.0 - 2026-11-25\n\n"
        "- Added the thing.\n- Fixed the other thing.\n\n"
        "## 0.1.0 - 2026-01-02\n\n- First release.\n"
    )


def test_bumped_files_pass_the_manifest_check(tmp_path: Path) -> None:
    gear = make_tree(tmp_path)
    bump_gear(tmp_path, gear, "1.0.0rc1", today=TODAY)
    problems = check_manifest(
        gear / "src/docker/manifest.json",
        "sample-gear",
        "index.docker.io/naccdata/sample-gear",
        ["1.0.0rc1", "latest", "stable"],
    )
    assert problems == []


@pytest.mark.parametrize(
    ("version", "reason"),
    [
        ("0.0.9", "not greater than the current version 0.1.0"),
        ("0.1.0", "not greater than the current version 0.1.0"),
        ("v0.2.0", "without the 'v'"),
        ("0.2.0+build/1", "not a valid docker tag"),
        ("banana", "not a valid version"),
    ],
)
def test_refused_versions_write_nothing(tmp_path: Path, version: str, reason: str) -> None:
    gear = make_tree(tmp_path)
    before = snapshot(tmp_path)
    with pytest.raises(BumpError, match=reason) as refused:
        bump_gear(tmp_path, gear, version, today=TODAY)
    assert str(refused.value).startswith("gears/sample_gear/src/docker/manifest.json: ")
    assert snapshot(tmp_path) == before


def test_empty_unreleased_section_gets_a_placeholder_note(tmp_path: Path) -> None:
    gear = make_tree(tmp_path, changelog="# C\n\n## Unreleased\n\n## 0.1.0 - 2026-01-02\n\n- x\n")
    plan = bump_gear(tmp_path, gear, "0.1.1", today=TODAY)
    assert not plan.had_notes
    assert (gear / "CHANGELOG.md").read_text() == (
        "# C\n\n## Unreleased\n\n## 0.1.1 - 2026-11-25\n\n- No notable changes.\n\n"
        "## 0.1.0 - 2026-01-02\n\n- x\n"
    )


@pytest.mark.parametrize(
    ("build", "changelog", "message"),
    [
        (BUILD, "# C\n\n## 0.1.0 - 2026-01-02\n", "CHANGELOG.md: no '## Unreleased' heading"),
        (BUILD, "## Unreleased\n\n## 0.2.0 - 2026-01-02\n", "already has a '## 0.2.0' heading"),
        (BUILD.replace('"0.1.0",', '"0.0.5",'), CHANGELOG, "already disagree \\(version"),
        (BUILD.replace("image_tags = [", "image_tags = TAGS + ["), CHANGELOG, "BUILD.bazel: "),
        ("# no macro call\n", CHANGELOG, "expected one flywheel_gear\\( call, found 0"),
    ],
)
def test_broken_files_are_refused_naming_the_file(
    tmp_path: Path, build: str, changelog: str, message: str
) -> None:
    gear = make_tree(tmp_path, build=build, changelog=changelog)
    before = snapshot(tmp_path)
    with pytest.raises(BumpError, match=message):
        plan_bump(tmp_path, gear, "0.2.0", today=TODAY)
    assert snapshot(tmp_path) == before


def test_missing_changelog_is_named(tmp_path: Path) -> None:
    gear = make_tree(tmp_path)
    (gear / "CHANGELOG.md").unlink()
    with pytest.raises(BumpError, match=r"^gears/sample_gear/CHANGELOG\.md: cannot read"):
        plan_bump(tmp_path, gear, "0.2.0", today=TODAY)
