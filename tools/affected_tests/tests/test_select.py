"""The affected-test rules on a small repository evaluated by buildcheck, as ./dev test uses it."""

from __future__ import annotations

from pathlib import Path, PurePath

import pytest

from affected_tests import (
    EVERY_TEST,
    Selection,
    area_tests,
    complete_areas,
    reach_of_tests,
    select_in_graph,
)
from affected_tests.tests.fixture_repo import ALPHA, BETA, TREE, write_repo
from buildcheck import load_graph


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_repo(tmp_path_factory.mktemp("repo"))


def selected(root: Path, *changed: str) -> Selection:
    graph = load_graph(root)
    assert graph.failed_packages == set(), [str(p) for p in graph.problems]
    return select_in_graph(graph, reach_of_tests(graph), changed)


def test_a_gears_code_affects_its_tests_and_the_tree_readers_only(repo: Path) -> None:
    selection = selected(repo, "gears/alpha/src/python/alpha_app/main.py")
    assert selection.labels == {ALPHA, TREE}
    assert selection.files == ["gears/alpha/test/python/test_alpha.py", "tools/tree/test_tree.py"]
    assert selection.every_test_because is None


def test_a_common_package_affects_the_tests_that_reach_it_through_deps(repo: Path) -> None:
    assert selected(repo, "common/src/python/shared/util.py").labels == {ALPHA, TREE}
    assert selected(repo, "common/src/python/other/other.py").labels == {BETA, TREE}


def test_a_generated_files_sources_and_tools_and_a_binarys_code_affect_its_readers(
    repo: Path,
) -> None:
    assert selected(repo, "common/src/python/other/table.in").labels == {ALPHA, TREE}
    assert selected(repo, "common/src/python/other/make_table.sh").labels == {ALPHA, TREE}
    assert selected(repo, "tools/scripts/tool.py").labels == {ALPHA, TREE}
    assert selected(repo, "tools/scripts/BUILD.bazel").labels == {ALPHA, TREE}


def test_a_data_file_affects_the_tests_that_read_it(repo: Path) -> None:
    assert selected(repo, "gears/alpha/data/example.csv").labels == {ALPHA, TREE}
    assert selected(repo, "gears/beta/src/docker/manifest.json").labels == {BETA, TREE}


def a_path_in(entry: str) -> str:
    return f"{entry}x.py" if entry.endswith("/") else entry


@pytest.mark.parametrize("path", [a_path_in(entry) for entry in EVERY_TEST])
def test_the_lock_module_file_and_test_tools_affect_every_test(repo: Path, path: str) -> None:
    selection = selected(repo, path, "gears/alpha/src/python/alpha_app/main.py")
    assert selection.labels == {ALPHA, BETA, TREE}
    assert selection.every_test_because == path
    assert selection.files == selection.all_files


def test_an_untracked_file_no_target_names_affects_the_tests_reaching_its_package(
    repo: Path,
) -> None:
    assert selected(repo, "gears/beta/src/python/beta_app/new_module.py").labels == {BETA, TREE}


def test_a_deleted_file_affects_the_tests_reaching_its_package(repo: Path) -> None:
    assert not (repo / "common/src/python/shared/gone.py").exists()
    assert selected(repo, "common/src/python/shared/gone.py").labels == {ALPHA, TREE}


def test_a_build_file_affects_the_tests_reaching_its_package(repo: Path) -> None:
    # beta's code is in that package; alpha reads two files it exports
    assert selected(repo, "common/src/python/other/BUILD.bazel").labels == {ALPHA, BETA, TREE}
    assert selected(repo, "common/src/python/shared/BUILD.bazel").labels == {ALPHA, TREE}


def test_a_macro_affects_the_tests_reaching_a_package_that_loads_it(repo: Path) -> None:
    assert selected(repo, "tools/bazel/gear.bzl").labels == {BETA, TREE}
    assert selected(repo, "tools/bazel/names.bzl").labels == {BETA, TREE}  # loaded by gear.bzl


def test_a_file_no_test_reaches_affects_only_the_tree_readers(repo: Path) -> None:
    assert selected(repo, "README.md").labels == {TREE}


def test_no_change_affects_no_test(repo: Path) -> None:
    selection = selected(repo)
    assert selection.labels == set()
    assert selection.files == []
    assert len(selection.all_files) == 3


def area_of(path: PurePath) -> str | None:
    parts = path.parts
    if parts[:1] == ("common",):
        return "common"
    if parts[:1] == ("gears",) and parts[2:3] == ("src",):
        return f"gears/{parts[1]}"
    return None


def test_an_areas_floor_applies_only_when_every_test_reaching_it_ran(repo: Path) -> None:
    tests = reach_of_tests(load_graph(repo))
    tests_of = area_tests(tests, area_of)
    assert tests_of == {"common": {ALPHA, BETA}, "gears/alpha": {ALPHA}, "gears/beta": {BETA}}
    areas = ["common", "gears/alpha", "gears/beta"]

    ran = selected(repo, "gears/alpha/src/python/alpha_app/main.py").labels
    assert complete_areas(areas, tests_of, ran) == (["gears/alpha"], ["common", "gears/beta"])

    ran = selected(repo, "common/src/python/shared/util.py", "tools/bazel/gear.bzl").labels
    assert complete_areas(areas, tests_of, ran) == (areas, [])
