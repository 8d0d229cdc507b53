"""`./dev check-manifest [GEAR ...]`: the values come from the gear's BUILD file (through the
build graph, the registry default included), in a copy of the repository's real gear files."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from dev_cli.main import main
from gear_pytest.source_tree import source_tree

# What the build graph of one gear needs: the module, the gear macro and registry, the gear.
COPIED = (
    "MODULE.bazel",
    "BUILD.bazel",
    "requirements_lock.txt",
    "tools/bazel",
    "gears/project_management",
)
BUILD = "gears/project_management/src/docker/BUILD.bazel"
MANIFEST = "gears/project_management/src/docker/manifest.json"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the repository's gear files; `./dev` commands run against it."""
    source = source_tree(__file__)
    for relative in COPIED:
        target = tmp_path / relative
        if (source / relative).is_dir():
            shutil.copytree(source / relative, target)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source / relative, target)
    monkeypatch.setenv("DEV_REPO_ROOT", str(tmp_path))
    return tmp_path


def version(repo: Path) -> str:
    found = re.search(r'"version": "([^"]+)"', (repo / MANIFEST).read_text())
    assert found is not None
    return found.group(1)


def next_minor(current: str) -> str:
    major, minor, _ = current.split(".")
    return f"{major}.{int(minor) + 1}.0"


def test_every_gear_passes_by_default_and_by_name(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check-manifest"]) == 0
    assert main(["check-manifest", "project-management"]) == 0
    out = capsys.readouterr().out
    assert out.count("project_management: manifest agrees") == 2


def test_after_a_bump_the_gear_form_passes(repo: Path) -> None:
    new = next_minor(version(repo))
    assert main(["bump", "project_management", new]) == 0
    assert version(repo) == new
    assert main(["check-manifest", "project_management"]) == 0


def test_a_build_tag_that_disagrees_fails_naming_the_field(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build = repo / BUILD
    current = version(repo)
    build.write_text(build.read_text().replace(f'"{current}"', '"9.9.9"', 1))
    assert main(["check-manifest", "project_management"]) == 1
    err = capsys.readouterr().err
    assert (
        f"{MANIFEST}: version: manifest has '{current}', BUILD has \"first image tag '9.9.9'" in err
    )
    assert "manifest check: 1 gear(s) failed" in err


def test_the_repository_comes_from_the_registry_default(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    registry = repo / "tools" / "bazel" / "registry.bzl"
    registry.write_text(registry.read_text().replace("naccdata", "someone-else"))
    assert main(["check-manifest", "project_management"]) == 1
    err = capsys.readouterr().err
    assert "custom.gear-builder.image: manifest has 'naccdata/project-management:" in err
    assert "BUILD has 'someone-else/project-management:" in err


def test_the_explicit_form_still_works_and_is_all_or_nothing(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    explicit = ["check-manifest", "--manifest", str(repo / MANIFEST)]
    explicit += ["--name", "project-management"]
    explicit += ["--repository", "index.docker.io/naccdata/project-management"]
    assert main([*explicit, "--tag", version(repo), "--tag", "latest"]) == 0
    assert main([*explicit, "--tag", "9.9.9"]) == 1
    assert main(explicit) == 2
    assert "missing --tag" in capsys.readouterr().err
    assert main(["check-manifest", "project_management", "--name", "x"]) == 2
    assert "not both" in capsys.readouterr().err


def test_an_unknown_gear_is_refused(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check-manifest", "no-such-gear"]) == 1
    assert "no gear named 'no-such-gear'" in capsys.readouterr().err
