"""The release tag scheme: one tag per gear release, `<manifest name>/v<version>`.

`project-management/v0.2.0` marks the commit whose image was pushed as
`naccdata/project-management:0.2.0`. The `/` keeps gears apart: the pattern
`project/v*` never matches a tag of a gear named `project-viewer`.
"""

from __future__ import annotations

from pathlib import Path

from packaging.version import InvalidVersion, Version

from gear_release.git import tags_matching


def release_tag(gear_name: str, version: str) -> str:
    """The tag of a release: `project-management/v0.2.0`."""
    return f"{gear_name}/v{version}"


def tag_version(gear_name: str, tag: str) -> Version | None:
    """The version a release tag names, None when it is not one of this gear's tags."""
    prefix = release_tag(gear_name, "")
    if not tag.startswith(prefix):
        return None
    try:
        return Version(tag[len(prefix) :])
    except InvalidVersion:
        return None


def last_release_tag(root: Path, gear_name: str) -> str | None:
    """The gear's release tag with the highest version, None when it was never released."""
    versions = {
        tag: version
        for tag in tags_matching(root, release_tag(gear_name, "*"))
        if (version := tag_version(gear_name, tag)) is not None
    }
    return max(versions, key=lambda tag: versions[tag]) if versions else None
