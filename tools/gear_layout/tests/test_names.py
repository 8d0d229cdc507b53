"""gear_layout.names: manifest name, folder and app package follow one rule each."""

from __future__ import annotations

from gear_layout import app_package_for, folder_for, name_for


def test_the_folder_is_the_manifest_name_with_underscores() -> None:
    assert folder_for("project-management") == "project_management"
    assert folder_for("tiny") == "tiny"


def test_the_implied_name_is_the_folder_with_dashes() -> None:
    assert name_for("project_management") == "project-management"
    assert name_for(folder_for("sample-gear-two")) == "sample-gear-two"


def test_a_new_gears_app_package_is_the_folder_with_app() -> None:
    assert app_package_for("sample_gear") == "sample_gear_app"
