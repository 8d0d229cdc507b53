"""`./dev changed`: the gears whose image inputs changed since their last release (or a revision).

With `--check` (CI), a gear that changed must also carry a higher manifest version than at that
release; `./dev bump GEAR VERSION` raises it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from packaging.version import InvalidVersion, Version

from gear_layout import all_gears, gear_in, name_for
from gear_release.git import changed_files, file_at
from gear_release.image_inputs import DependencySource, image_input_prefixes, touching
from gear_release.release_tags import last_release_tag


@dataclass(frozen=True)
class GearChange:
    """One gear compared with its base revision."""

    folder: str
    name: str
    base: str | None  # the release tag or revision compared with; None: never released
    files: list[str]  # changed image inputs
    base_version: str | None  # manifest version at base; None when the gear was not there
    version: str

    @property
    def changed(self) -> bool:
        """Whether the image would differ from the one at base (always, for a new gear)."""
        return self.base is None or self.base_version is None or bool(self.files)


def _manifest_fields(text: str | None) -> tuple[str | None, str | None]:
    """(name, version) of a manifest text; (None, None) when absent or unreadable."""
    if text is None:
        return None, None
    try:
        manifest = json.loads(text)
    except json.JSONDecodeError:
        return None, None
    if not isinstance(manifest, dict):
        return None, None
    return manifest.get("name"), manifest.get("version")


def compare_gear(
    root: Path, folder: str, dependencies: DependencySource, since: str | None
) -> GearChange:
    """The gear against `since`, or against its last release tag when `since` is None."""
    manifest_path = gear_in(Path(), folder).manifest_path.as_posix()  # repository-relative
    name, version = _manifest_fields((root / manifest_path).read_text(encoding="utf-8"))
    name = name or name_for(folder)
    base = since if since is not None else last_release_tag(root, name)
    if base is None:
        return GearChange(folder, name, None, [], None, str(version))
    files = touching(image_input_prefixes(folder, dependencies), changed_files(root, base))
    _, base_version = _manifest_fields(file_at(root, base, manifest_path))
    return GearChange(folder, name, base, files, base_version, str(version))


def changed_gears(
    root: Path, dependencies: DependencySource, since: str | None = None
) -> list[GearChange]:
    """Every gear, compared (see compare_gear); callers keep the `changed` ones."""
    return [compare_gear(root, gear.folder, dependencies, since) for gear in all_gears(root)]


def _newer(version: str, base_version: str) -> bool:
    try:
        return Version(version) > Version(base_version)
    except InvalidVersion:
        return version != base_version


def version_problems(changes: list[GearChange]) -> list[str]:
    """A line per gear whose image inputs changed but whose manifest version did not go up."""
    problems = []
    for change in changes:
        if not change.files or change.base_version is None:
            continue
        if not _newer(change.version, change.base_version):
            shown = ", ".join(change.files[:3]) + (" ..." if len(change.files) > 3 else "")
            problems.append(
                f"{change.folder}: {len(change.files)} image input(s) changed since"
                f" {change.base} ({shown}) but the manifest version is still {change.version};"
                f" run ./dev bump {change.folder} <next version>"
            )
    return problems
