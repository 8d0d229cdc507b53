"""The naming rules between a gear's manifest name, its folder and its app package."""

from __future__ import annotations


def folder_for(name: str) -> str:
    """The folder under gears/ of the gear with manifest name `name` (`-` as `_`)."""
    return name.replace("-", "_")


def name_for(folder: str) -> str:
    """The manifest name a gear folder implies (`_` as `-`), when the manifest gives none."""
    return folder.replace("_", "-")


def app_package_for(folder: str) -> str:
    """A new gear's app package, unique in the repository: `<folder>_app`."""
    return f"{folder}_app"
