"""Module resolution on small fixture registries, read over HTTP as `./dev bcr-refresh` does."""

from __future__ import annotations

import io
from pathlib import Path

from bcr_facts.repo import check_repository, refresh
from bcr_facts.resolve import Resolution
from bcr_facts.tests.registry_fixture import module_text, serve, write_registry


def _resolve(
    tmp_path: Path,
    root_module: str,
    files: dict[str, dict[str, str]],
    yanked: dict[str, dict[str, str]] | None = None,
    bazel: str = "8.4.2",
) -> Resolution:
    repo = tmp_path / "repo"
    repo.mkdir(parents=True)
    (repo / "MODULE.bazel").write_text(root_module, encoding="utf-8")
    (repo / ".bazelversion").write_text(bazel + "\n", encoding="utf-8")
    registry = write_registry(tmp_path / "registry", files, yanked)
    record = tmp_path / "record.json"
    with serve(registry) as url:
        assert refresh(repo, url, record_path=record, log=io.StringIO()) == 0
    return check_repository(repo, record)


ROOT = 'module(name = "root")\nbazel_dep(name = "a", version = "1.0")\n'
DIAMOND = ROOT + 'bazel_dep(name = "b", version = "1.0")\n'


def test_diamond_the_higher_version_wins(tmp_path: Path) -> None:
    files = {
        "a": {"1.0": module_text("a", "1.0", ["c@1.0"])},
        "b": {"1.0": module_text("b", "1.0", ["c@1.1"])},
        "c": {
            "1.0": module_text("c", "1.0", ["d@1.0"]),
            "1.1": module_text("c", "1.1"),
            "2.0": module_text("c", "2.0"),
        },
        "d": {"1.0": module_text("d", "1.0")},
    }
    resolution = _resolve(tmp_path, DIAMOND, files)
    assert resolution.problems == []
    # c@1.0's dep d is discovered but not reachable once c@1.1 is selected; c@2.0 is unused.
    assert resolution.lines() == ["a@1.0", "b@1.0", "c@1.1"]


def test_compatibility_level_clash(tmp_path: Path) -> None:
    files = {
        "a": {"1.0": module_text("a", "1.0", ["c@1.0"])},
        "b": {"1.0": module_text("b", "1.0", ["c@2.0"])},
        "c": {
            "1.0": module_text("c", "1.0", level=1),
            "2.0": module_text("c", "2.0", level=2),
        },
    }
    resolution = _resolve(tmp_path, DIAMOND, files)
    assert resolution.problems == [
        "c: compatibility-level clash: b@1.0 depends on c@2.0 (compatibility_level 2), "
        "but a@1.0 depends on c@1.0 (compatibility_level 1)"
    ]


def test_max_compatibility_level_lets_a_dep_take_the_higher_level(tmp_path: Path) -> None:
    files = {
        "a": {
            "1.0": module_text("a", "1.0").replace(
                "register_toolchains",
                'bazel_dep(name = "c", version = "1.0", max_compatibility_level = 2)\n'
                "register_toolchains",
            )
        },
        "b": {"1.0": module_text("b", "1.0", ["c@2.0"])},
        "c": {
            "1.0": module_text("c", "1.0", level=1),
            "2.0": module_text("c", "2.0", level=2),
        },
    }
    resolution = _resolve(tmp_path, DIAMOND, files)
    assert resolution.problems == []
    assert resolution.lines() == ["a@1.0", "b@1.0", "c@2.0"]


def test_yanked_version_names_the_registry_reason(tmp_path: Path) -> None:
    files = {"a": {"1.0": module_text("a", "1.0"), "1.1": module_text("a", "1.1")}}
    yanked = {"a": {"1.0": "broken archive, use 1.1"}}
    resolution = _resolve(tmp_path, ROOT, files, yanked)
    assert len(resolution.problems) == 1
    problem = resolution.problems[0]
    assert problem.startswith("a@1.0: yanked in the registry: broken archive, use 1.1 (")
    assert problem.endswith("pin a version that is not yanked")


def test_yanked_version_that_is_not_selected_is_fine(tmp_path: Path) -> None:
    root = ROOT + 'bazel_dep(name = "b", version = "1.0")\n'
    files = {
        "a": {"1.0": module_text("a", "1.0", ["c@1.0"])},
        "b": {"1.0": module_text("b", "1.0", ["c@1.1"])},
        "c": {"1.0": module_text("c", "1.0"), "1.1": module_text("c", "1.1")},
    }
    resolution = _resolve(tmp_path, root, files, {"c": {"1.0": "bad"}})
    assert resolution.problems == []


def test_bazel_compatibility_excluding_the_pinned_bazel(tmp_path: Path) -> None:
    files = {"a": {"1.0": module_text("a", "1.0", bazel_compatibility=[">=7.0.0", "-8.4.2"])}}
    resolution = _resolve(tmp_path, ROOT, files)
    assert resolution.problems == [
        "a@1.0: bazel_compatibility ['>=7.0.0', '-8.4.2'] excludes Bazel 8.4.2 (.bazelversion)"
    ]
    assert _resolve(tmp_path / "ok", ROOT, files, bazel="8.5.0").problems == []


def test_single_version_override_pins_the_version(tmp_path: Path) -> None:
    root = DIAMOND + 'single_version_override(module_name = "c", version = "1.0")\n'
    files = {
        "a": {"1.0": module_text("a", "1.0", ["c@1.0"])},
        # c@1.2 is not in the registry: the override keeps it from being visited at all.
        "b": {"1.0": module_text("b", "1.0", ["c@1.2"])},
        "c": {"1.0": module_text("c", "1.0"), "1.1": module_text("c", "1.1")},
    }
    resolution = _resolve(tmp_path, root, files)
    assert resolution.problems == []
    assert resolution.lines() == ["a@1.0", "b@1.0", "c@1.0"]


def test_multiple_version_override_keeps_the_allowed_versions(tmp_path: Path) -> None:
    root = DIAMOND + 'multiple_version_override(module_name = "c", versions = ["1.1", "2.0"])\n'
    files = {
        "a": {"1.0": module_text("a", "1.0", ["c@1.0"])},
        "b": {"1.0": module_text("b", "1.0", ["c@2.0"])},
        "c": {
            "1.0": module_text("c", "1.0", level=1),
            "1.1": module_text("c", "1.1", level=1),
            "2.0": module_text("c", "2.0", level=2),
        },
    }
    root_with_11 = root + 'bazel_dep(name = "c", version = "1.1")\n'
    resolution = _resolve(tmp_path, root_with_11, files)
    assert resolution.problems == []
    assert resolution.lines() == ["a@1.0", "b@1.0", "c@1.1", "c@2.0"]


def test_multiple_version_override_refuses_a_version_above_every_allowed_one(
    tmp_path: Path,
) -> None:
    root = DIAMOND + 'multiple_version_override(module_name = "c", versions = ["1.0"])\n'
    files = {
        "a": {"1.0": module_text("a", "1.0", ["c@1.0"])},
        "b": {"1.0": module_text("b", "1.0", ["c@1.1"])},
        "c": {"1.0": module_text("c", "1.0"), "1.1": module_text("c", "1.1")},
    }
    assert _resolve(tmp_path, root, files).problems == [
        "b@1.0 depends on c@1.1, which the root's multiple_version_override on c does not "
        "allow (it allows 1.0)"
    ]


def test_a_module_from_an_archive_override_is_not_looked_up(tmp_path: Path) -> None:
    root = ROOT + 'archive_override(module_name = "a", urls = ["https://example.com/a.zip"])\n'
    resolution = _resolve(tmp_path, root, {})
    assert resolution.problems == []
    assert resolution.lines() == []


def test_a_version_the_registry_lacks_names_the_newest(tmp_path: Path) -> None:
    root = 'module(name = "root")\nbazel_dep(name = "a", version = "2.3.2")\n'
    files = {
        "a": {
            "2.3.0": module_text("a", "2.3.0"),
            "2.10.0": module_text("a", "2.10.0"),
            "2.9.0": module_text("a", "2.9.0"),
        }
    }
    resolution = _resolve(tmp_path, root, files)
    assert len(resolution.problems) == 1
    assert resolution.problems[0].startswith(
        "a@2.3.2 (wanted by <root>): the registry has no version 2.3.2 of a; its newest is 2.10.0 ("
    )


def test_a_module_the_registry_lacks(tmp_path: Path) -> None:
    resolution = _resolve(tmp_path, ROOT, {})
    assert len(resolution.problems) == 1
    assert resolution.problems[0].startswith(
        "a@1.0 (wanted by <root>): the registry has no module a"
    )


def test_dev_dependencies_of_other_modules_are_not_visited(tmp_path: Path) -> None:
    files = {"a": {"1.0": module_text("a", "1.0", dev_deps=["missing@9.9"])}}
    resolution = _resolve(tmp_path, ROOT, files)
    assert resolution.problems == []
    assert resolution.lines() == ["a@1.0"]


def test_root_pin_raised_by_a_dependency(tmp_path: Path) -> None:
    root = ROOT + 'bazel_dep(name = "c", version = "1.0")\n'
    files = {
        "a": {"1.0": module_text("a", "1.0", ["c@1.1"])},
        "c": {"1.0": module_text("c", "1.0"), "1.1": module_text("c", "1.1")},
    }
    resolution = _resolve(tmp_path, root, files)
    assert resolution.problems == [
        "c: MODULE.bazel pins 1.0 but resolution selects 1.1 (a@1.0 wants c@1.1); pin 1.1"
    ]
