"""`./dev check-manifest [GEAR ...]`: the values come from the gear's BUILD file (through the
build graph, the registry default included), in a copy of the repository's real gear files."""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from buildcheck.cli import run_check
from dev_cli.main import main
from gear_pytest.source_tree import source_tree
from gear_runner.validation import manifest_problems
from manifest_check import cli

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


# -- one set of manifest rules (issue 9) ------------------------------------------------------


def edit_manifest(repo: Path, change: Any) -> None:
    path = repo / MANIFEST
    manifest = json.loads(path.read_text())
    change(manifest)
    path.write_text(json.dumps(manifest, indent=2))


def genrule_check(repo: Path, *tags: str) -> int:
    """The build's check, exactly as the gear macro's genrule calls it."""
    return cli.main(
        ["--manifest", str(repo / MANIFEST), "--name", "project-management"]
        + ["--repository", "index.docker.io/naccdata/project-management"]
        + [f"--tag={tag}" for tag in tags]
    )


def runtime_problems(repo: Path) -> list[str]:
    return manifest_problems(json.loads((repo / MANIFEST).read_text()))


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda m: m["config"]["apikey_path_prefix"].pop("enum"),
            "config.apikey_path_prefix: needs an 'enum' of allowed SSM prefixes",
        ),
        (lambda m: m["inputs"].pop("api-key"), "must also declare an api-key input"),
        (
            lambda m: m["config"].update(mode={"type": "string", "enum": ["a"], "default": "b"}),
            "config.mode.default: 'b' is not one of ['a']",
        ),
    ],
    ids=["bot-prefix-without-enum", "no-api-key-input", "default-outside-enum"],
)
def test_a_manifest_the_runtime_refuses_fails_the_build_check_and_check_manifest(
    repo: Path, capsys: pytest.CaptureFixture[str], change: Any, expected: str
) -> None:
    edit_manifest(repo, change)
    assert any(expected in line for line in runtime_problems(repo))
    assert main(["check-manifest", "project_management"]) == 1
    assert genrule_check(repo, version(repo), "latest") == 1
    err = capsys.readouterr().err
    assert err.count(expected) == 2, err


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        (["latest", "la test"], "image tag 3 'la test' is not a valid OCI tag"),
        (["latest", "-rc"], "image tag 3 '-rc' is not a valid OCI tag"),
        (["latest", "x" * 129], "is not a valid OCI tag"),
        (["latest", "latest"], "image tag 3 'latest' is given twice"),
    ],
    ids=["space", "leading-dash", "too-long", "repeated"],
)
def test_image_tags_must_be_valid_oci_tags_and_distinct(
    repo: Path, capsys: pytest.CaptureFixture[str], tags: list[str], expected: str
) -> None:
    build = repo / BUILD
    build.write_text(build.read_text().replace('"latest"', ", ".join(f'"{t}"' for t in tags)))
    assert main(["check-manifest", "project_management"]) == 1
    assert genrule_check(repo, version(repo), *tags) == 1
    err = capsys.readouterr().err
    assert err.count(expected) == 2, err


def test_a_version_that_is_not_an_oci_tag_is_refused_by_the_runtime_too(repo: Path) -> None:
    edit_manifest(repo, lambda m: m.update(version="1.0+build"))
    assert any("version: '1.0+build' is not a valid OCI tag" in p for p in runtime_problems(repo))


@pytest.mark.parametrize(
    "argv",
    [
        ["check-manifest", "project_management"],
        ["check-manifest"],
        ["usage", "project_management"],
        ["usage"],
        ["run", "project_management", "--example", "--standin"],
    ],
    ids=["check-manifest-gear", "check-manifest", "usage-gear", "usage", "run"],
)
def test_a_manifest_that_is_not_json_is_one_line_from_every_command(
    repo: Path, capfd: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    source = next(p for p in Path(__file__).resolve().parents if (p / "MODULE.bazel").is_file())
    for shared in ("tools", "common/src/python"):  # `./dev usage` runs config_usage from them
        shutil.copytree(source / shared, repo / shared, dirs_exist_ok=True)
    path = repo / MANIFEST
    path.write_text(path.read_text().replace('"label": "Project Management",', '"label": "PM"'))
    assert main(argv) != 0
    err = capfd.readouterr().err
    assert "Traceback" not in err
    assert "manifest.json, line 4, column 3: not valid JSON" in err or (
        "manifest.json: line 4, column 3: not valid JSON" in err
    ), err


def test_a_manifest_that_is_not_json_is_one_line_from_buildcheck(repo: Path) -> None:
    path = repo / MANIFEST
    path.write_text(path.read_text().replace('"label": "Project Management",', '"label": "PM"'))
    out = io.StringIO()
    assert run_check(repo, out) == 1
    lines = [line for line in out.getvalue().splitlines() if "not valid JSON" in line]
    assert lines and all("line 4, column 3: not valid JSON" in line for line in lines), lines


def test_a_hand_edited_version_names_dev_bump_and_its_advice_works(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    manifest = repo / MANIFEST
    current = version(repo)
    new = next_minor(current)
    manifest.write_text(
        manifest.read_text().replace(f'"version": "{current}"', f'"version": "{new}"')
    )
    assert main(["check-manifest", "project_management"]) == 1
    err = capsys.readouterr().err
    advice = (
        f"versions change only with ./dev bump: set the manifest's version back to '{current}',"
        f" then run ./dev bump project-management {new}"
    )
    assert advice in err
    manifest.write_text(
        manifest.read_text().replace(f'"version": "{new}"', f'"version": "{current}"')
    )
    assert main(["bump", "project-management", new]) == 0
    assert main(["check-manifest", "project_management"]) == 0


def test_release_refuses_an_empty_source_and_the_gear_has_real_values(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check-manifest", "--release", "project_management"]) == 0
    assert "is ready for a release" in capsys.readouterr().out
    manifest = repo / MANIFEST
    text = manifest.read_text()
    blank = re.sub(r'"source": "[^"]*"', '"source": ""', text)
    manifest.write_text(blank)
    assert main(["check-manifest", "project_management"]) == 0  # the everyday check lets it by
    assert main(["check-manifest", "--release", "project_management"]) == 1
    err = capsys.readouterr().err
    assert f"{MANIFEST}: source: is empty; set it to the https URL" in err
    assert main(["check-manifest", "--release", "--manifest", str(manifest)]) == 2
