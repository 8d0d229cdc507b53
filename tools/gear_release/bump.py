"""`./dev bump GEAR VERSION`: manifest version, image tag, BUILD tags and CHANGELOG, together.

All three new file contents are computed and checked first; nothing is written when any step
fails, and the files are then replaced one by one (each write is an atomic rename).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from atomic_files import write_text_atomically
from gear_layout import Gear
from gear_release import build_file, changelog, manifest_file
from gear_release.versions import check_next_version
from manifest_check.agreement import mismatches


class BumpError(Exception):
    """The bump was refused; nothing was written."""


@dataclass(frozen=True)
class FileChange:
    """One file's new content."""

    path: Path
    new_text: str


@dataclass(frozen=True)
class BumpPlan:
    """What a bump writes."""

    old_version: str
    new_version: str
    changes: list[FileChange]
    had_notes: bool = True  # False: Unreleased was empty, a placeholder note was written


def _shown(path: Path, root: Path) -> str:
    """The path as messages show it: relative to the repository root."""
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def _read(path: Path, root: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise BumpError(f"{_shown(path, root)}: cannot read ({error.strerror})") from None


def plan_bump(root: Path, gear_dir: Path, version: str, *, today: date) -> BumpPlan:
    """The new manifest, BUILD and CHANGELOG text for `version`; BumpError when refused."""
    gear = Gear(gear_dir.name, gear_dir)
    manifest_path, build_path = gear.manifest_path, gear.docker_dir / "BUILD.bazel"
    changelog_path = gear_dir / "CHANGELOG.md"
    manifest_text, build_text = _read(manifest_path, root), _read(build_path, root)
    changelog_text = _read(changelog_path, root)
    registry_text = _read(root / "tools" / "bazel" / "registry.bzl", root)
    manifest_name, build_name = _shown(manifest_path, root), _shown(build_path, root)
    changelog_name = _shown(changelog_path, root)
    try:
        manifest = json.loads(manifest_text)
        current = str(manifest.get("version"))
        check_next_version(current, version)
        call = build_file.read_call(build_text)
        repository = build_file.macro_repository(call, build_file.gear_registry(registry_text))
        before = mismatches(manifest, name=call.name, repository=repository, tags=call.image_tags)
        if before:
            fields = ", ".join(m.field for m in before)
            raise BumpError(
                f"{manifest_name} and {build_name} already disagree ({fields});"
                " fix them first (./dev check-manifest shows how)"
            )
        new_manifest_text = manifest_file.bumped_text(manifest_text, version)
        new_build_text = build_file.with_version_tag(build_text, version)
        new_changelog_text = changelog.release(changelog_text, version, today)
    except json.JSONDecodeError as error:
        raise BumpError(
            f"{manifest_name}: not valid JSON ({error.msg}, line {error.lineno})"
        ) from None
    except build_file.BuildFileError as error:
        raise BumpError(f"{build_name}: {error}") from None
    except changelog.ChangelogError as error:
        raise BumpError(f"{changelog_name}: {error}") from None
    except ValueError as error:  # VersionError, ManifestError
        raise BumpError(f"{manifest_name}: {error}") from None
    after = mismatches(
        json.loads(new_manifest_text),
        name=call.name,
        repository=repository,
        tags=build_file.read_call(new_build_text).image_tags,
    )
    if after:
        raise BumpError(f"bug: the bumped files would disagree: {after}")
    return BumpPlan(
        old_version=current,
        new_version=version,
        had_notes=bool(changelog.unreleased_notes(changelog_text)),
        changes=[
            FileChange(manifest_path, new_manifest_text),
            FileChange(build_path, new_build_text),
            FileChange(changelog_path, new_changelog_text),
        ],
    )


def apply_plan(plan: BumpPlan) -> None:
    """Write every planned file."""
    for change in plan.changes:
        write_text_atomically(change.path, change.new_text)


def bump_gear(root: Path, gear_dir: Path, version: str, *, today: date | None = None) -> BumpPlan:
    """Plan and write a bump; BumpError (and nothing written) when refused."""
    plan = plan_bump(root, gear_dir, version, today=today or date.today())
    apply_plan(plan)
    return plan
