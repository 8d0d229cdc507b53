"""`./dev changed`: gears whose image inputs changed since their release tag, in a real git repo."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from gear_pytest.git_repo import commit_all as commit
from gear_pytest.git_repo import git
from gear_release.changed import changed_gears, version_problems
from gear_release.git import GitError
from gear_release.image_inputs import GraphDependencies, image_input_prefixes, touching
from gear_release.release_tags import last_release_tag, release_tag, tag_version
from gear_scaffold import create_gear


class FakeDependencies:
    """alpha's image uses common/src/python/shared; beta's uses nothing shared."""

    def packages_of(self, gear_folder: str) -> set[str]:
        own = {f"gears/{gear_folder}/src/python/{gear_folder}_app"}
        return own | ({"common/src/python/shared"} if gear_folder == "alpha" else set())


DEPS = FakeDependencies()


def write(root: Path, path: str, text: str) -> None:
    (root / path).parent.mkdir(parents=True, exist_ok=True)
    (root / path).write_text(text)


def write_manifest(root: Path, folder: str, version: str) -> None:
    manifest = {"name": folder.replace("_", "-") + "-gear", "version": version}
    write(root, f"gears/{folder}/src/docker/manifest.json", json.dumps(manifest, indent=2))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Two released gears: alpha-gear/v0.1.0 and beta-gear/v0.3.0."""
    git(tmp_path, "init", "-q", "-b", "main")
    for folder, version in (("alpha", "0.1.0"), ("beta", "0.3.0")):
        write_manifest(tmp_path, folder, version)
        write(tmp_path, f"gears/{folder}/src/python/{folder}_app/main.py", "x = 1\n")
        write(tmp_path, f"gears/{folder}/test/python/test_{folder}.py", "")
        write(tmp_path, f"gears/{folder}/CHANGELOG.md", "## Unreleased\n")
    write(tmp_path, "common/src/python/shared/util.py", "y = 1\n")
    write(tmp_path, "requirements_lock.txt", "a==1\n")
    write(tmp_path, "tools/bazel/gear.bzl", "")
    write(tmp_path, "tools/bazel/gears.bzl", 'GEARS = [\n    "alpha",\n    "beta",\n]\n')
    write(tmp_path, "tools/bazel/registry.bzl", 'GEAR_REGISTRY = "index.docker.io/naccdata"\n')
    write(tmp_path, "tools/bazel/structure_test.yaml", "schemaVersion: 2.0.0\n")
    write(tmp_path, "tools/bazel/crane.bzl", "")
    commit(tmp_path, "first")
    git(tmp_path, "tag", "alpha-gear/v0.1.0")
    git(tmp_path, "tag", "beta-gear/v0.3.0")
    return tmp_path


def changed_folders(root: Path, since: str | None = None) -> list[str]:
    return [c.folder for c in changed_gears(root, DEPS, since) if c.changed]


def test_nothing_changed_since_the_release_tags(repo: Path) -> None:
    assert changed_folders(repo) == []
    assert version_problems(changed_gears(repo, DEPS)) == []


def test_a_shared_package_change_marks_only_the_gears_built_from_it(repo: Path) -> None:
    write(repo, "common/src/python/shared/util.py", "y = 2\n")
    commit(repo, "shared")
    (alpha, beta) = changed_gears(repo, DEPS)
    assert (alpha.changed, beta.changed) == (True, False)
    assert alpha.base == "alpha-gear/v0.1.0"
    assert alpha.files == ["common/src/python/shared/util.py"]


def test_uncommitted_and_untracked_files_count(repo: Path) -> None:
    write(repo, "gears/beta/src/python/beta_app/main.py", "x = 2\n")
    write(repo, "gears/alpha/src/python/alpha_app/new.py", "")
    assert changed_folders(repo) == ["alpha", "beta"]


def test_tests_data_and_changelog_are_not_image_inputs(repo: Path) -> None:
    write(repo, "gears/alpha/test/python/test_alpha.py", "# more tests\n")
    write(repo, "gears/alpha/CHANGELOG.md", "## Unreleased\n\n- note\n")
    write(repo, "gears/alpha/data/example.yaml", "a: 1\n")
    assert changed_folders(repo) == []


def test_the_lock_and_the_bazel_setup_change_every_gear(repo: Path) -> None:
    write(repo, "requirements_lock.txt", "a==2\n")
    assert changed_folders(repo) == ["alpha", "beta"]
    git(repo, "checkout", "-q", "--", "requirements_lock.txt")
    write(repo, "tools/bazel/gear.bzl", "# changed\n")
    assert changed_folders(repo) == ["alpha", "beta"]


def test_only_what_shapes_the_image_in_tools_bazel_counts(repo: Path) -> None:
    for path in (
        "tools/bazel/gears.bzl",
        "tools/bazel/structure_test.yaml",
        "tools/bazel/crane.bzl",
    ):
        write(repo, path, "# changed\n")
    commit(repo, "not image inputs")
    assert changed_folders(repo) == []
    write(repo, "tools/bazel/registry.bzl", 'GEAR_REGISTRY = "ghcr.io/naccdata"\n')
    assert changed_folders(repo) == ["alpha", "beta"]


def test_a_new_gear_from_new_gear_leaves_the_released_gears_unchanged(repo: Path) -> None:
    create_gear(repo, "gamma-gear")
    assert "gamma_gear" in (repo / "tools/bazel/gears.bzl").read_text()
    commit(repo, "new-gear gamma-gear")
    changes = {c.folder: c for c in changed_gears(repo, DEPS)}
    assert [folder for folder, change in changes.items() if change.changed] == ["gamma_gear"]
    assert version_problems(list(changes.values())) == []


def test_check_fails_until_the_changed_gear_is_bumped(repo: Path) -> None:
    write(repo, "gears/alpha/src/python/alpha_app/main.py", "x = 3\n")
    commit(repo, "alpha work")
    (problem,) = version_problems(changed_gears(repo, DEPS))
    assert problem == (
        "alpha: 1 image input(s) changed since alpha-gear/v0.1.0"
        " (gears/alpha/src/python/alpha_app/main.py) but the manifest version is still 0.1.0;"
        " run ./dev bump alpha <next version>"
    )
    write_manifest(repo, "alpha", "0.2.0")
    commit(repo, "bump")
    assert version_problems(changed_gears(repo, DEPS)) == []


def test_since_compares_every_gear_with_one_revision(repo: Path) -> None:
    write(repo, "gears/beta/src/python/beta_app/main.py", "x = 2\n")
    commit(repo, "beta work")
    write(repo, "gears/alpha/src/python/alpha_app/main.py", "x = 2\n")
    commit(repo, "alpha work")
    assert changed_folders(repo, since="HEAD~1") == ["alpha"]
    assert changed_folders(repo, since="HEAD~2") == ["alpha", "beta"]


def test_a_never_released_or_new_gear_is_changed_but_needs_no_bump(repo: Path) -> None:
    write_manifest(repo, "gamma", "0.1.0")
    write(repo, "gears/gamma/src/python/gamma_app/main.py", "")
    changes = {c.folder: c for c in changed_gears(repo, DEPS)}
    assert changes["gamma"].changed and changes["gamma"].base is None
    changes = {c.folder: c for c in changed_gears(repo, DEPS, since="HEAD")}
    assert changes["gamma"].changed and changes["gamma"].base_version is None
    assert version_problems(list(changes.values())) == []


def test_an_unknown_revision_is_a_clear_error(repo: Path) -> None:
    with pytest.raises(GitError, match="unknown revision 'no-such-tag'"):
        changed_gears(repo, DEPS, since="no-such-tag")


def test_the_last_release_tag_is_the_highest_version_of_that_gear_only(repo: Path) -> None:
    for tag in ("alpha-gear/v0.10.0", "alpha-gear/v0.9.0", "alpha-gear-x/v9.0.0", "alpha-gear/vX"):
        git(repo, "tag", tag)
    assert last_release_tag(repo, "alpha-gear") == "alpha-gear/v0.10.0"
    assert last_release_tag(repo, "delta-gear") is None
    assert release_tag("alpha-gear", "1.0.0") == "alpha-gear/v1.0.0"
    assert tag_version("alpha-gear", "beta-gear/v1.0.0") is None


@dataclass
class FakeCall:
    symbol: str
    package: str
    kwargs: dict[str, Any]


@dataclass
class FakeGraph:
    macro_calls: list[FakeCall]
    deps: dict[str, set[str]] = field(default_factory=dict)

    def transitive_deps(self, label: str) -> set[str]:
        return self.deps.get(label, set())


def test_graph_dependencies_follow_the_gear_binary() -> None:
    binary = "//gears/alpha/src/python/alpha_app:bin"
    graph = FakeGraph(
        [FakeCall("flywheel_gear", "gears/alpha/src/docker", {"binary": binary})],
        {binary: {"//gears/alpha/src/python/alpha_app:lib", "//common/src/python/x:x", "@pip//y"}},
    )
    dependencies = GraphDependencies(graph)  # type: ignore[arg-type]
    assert dependencies.packages_of("alpha") == {
        "gears/alpha/src/python/alpha_app",
        "common/src/python/x",
    }
    assert dependencies.packages_of("beta") == set()
    prefixes = image_input_prefixes("alpha", dependencies)
    assert prefixes[:2] == ["gears/alpha/src/", "common/src/python/x/"]
    assert touching(prefixes, ["MODULE.bazel", "MODULE.bazelx", "common/src/python/xy/a.py"]) == [
        "MODULE.bazel"
    ]
