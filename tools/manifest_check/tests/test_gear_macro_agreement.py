"""The gear macro (Starlark) and the manifest check (Python) shorten a repository the same way.

tools/bazel/gear.bzl's `short_repository` names the images `:load` writes; this package's
`short_repository` is what the manifest's `custom.gear-builder.image` must use. Starlark cannot
import Python, so the real macro is evaluated (offline, by buildcheck) with several
repositories, and the `:load` tags it makes are compared with the Python function's.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from buildcheck import load_graph
from manifest_check.agreement import DOCKER_HUB_PREFIXES, short_repository

ROOT = Path(__file__).parents[3]
# What evaluating the macro needs: the module (its bazel_deps) and tools/bazel's .bzl files.
COPIED = ("MODULE.bazel", "tools/bazel/gear.bzl", "tools/bazel/registry.bzl")
REPOSITORIES = [
    *(f"{prefix}org/gear" for prefix in DOCKER_HUB_PREFIXES),
    "ghcr.io/org/gear",
    "localhost:5000/org/gear",
    "org/gear",
    None,  # the macro's default: GEAR_REGISTRY + "/" + name
]
TAGS = ["1.2.3", "latest"]


def gear_build(repository: str | None) -> str:
    argument = "" if repository is None else f'    repository = "{repository}",\n'
    return (
        'load("//tools/bazel:gear.bzl", "flywheel_gear")\n\n'
        "flywheel_gear(\n"
        '    name = "gear",\n'
        '    binary = "//app:bin",\n'
        f"    image_tags = {TAGS!r},\n".replace("'", '"')
        + '    manifest = "manifest.json",\n'
        + argument
        + ")\n"
    )


def test_load_tags_use_the_same_short_repository(tmp_path: Path) -> None:
    for relative in COPIED:
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / relative, tmp_path / relative)
    (tmp_path / "tools/bazel/BUILD.bazel").write_text("")
    for index, repository in enumerate(REPOSITORIES):
        package = tmp_path / f"gear{index}"
        package.mkdir()
        (package / "BUILD.bazel").write_text(gear_build(repository))
        (package / "manifest.json").write_text("{}")

    graph = load_graph(tmp_path)

    for index, repository in enumerate(REPOSITORIES):
        # The repository the macro pushes to (its default filled in from registry.bzl).
        full = graph.targets[f"//gear{index}:_push_unchecked"].attrs["repository"]
        assert full == repository or (repository is None and full.endswith("/gear"))
        load = graph.targets[f"//gear{index}:load"]
        assert load.attrs["repo_tags"] == [f"{short_repository(full)}:{tag}" for tag in TAGS]
    assert short_repository("docker.io/org/gear") == "org/gear"  # the hosts do get dropped
