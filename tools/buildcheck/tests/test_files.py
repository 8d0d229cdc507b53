"""Packages and glob(): Bazel's matching, and files of subpackages left out."""

from __future__ import annotations

from pathlib import Path

from buildcheck.files import RepoFiles

FILES = [
    "BUILD.bazel",
    "a/BUILD.bazel",
    "a/x.py",
    "a/run.py",
    "a/data/in.json",
    "a/deep/more/y.py",
    "a/sub/BUILD",
    "a/sub/z.py",
    "b/loose.py",
]


def repo() -> RepoFiles:
    return RepoFiles.from_files(Path("/nonexistent"), FILES)


def test_packages_and_owners() -> None:
    files = repo()
    assert files.packages == {"": "BUILD.bazel", "a": "a/BUILD.bazel", "a/sub": "a/sub/BUILD"}
    assert files.package_of("a/sub/z.py") == "a/sub"
    assert files.package_of("a/deep/more/y.py") == "a"
    assert files.package_of("b/loose.py") == ""


def test_glob_stops_at_subpackages() -> None:
    assert repo().glob("a", ["**/*.py"], []) == ["deep/more/y.py", "run.py", "x.py"]


def test_glob_exclude_and_single_star() -> None:
    assert repo().glob("a", ["*.py"], ["run.py"]) == ["x.py"]
    assert repo().glob("a", ["data/*"], []) == ["data/in.json"]
    assert repo().glob("a", ["?.py"], []) == ["x.py"]


def test_scan_walks_a_tree_without_git(tmp_path: Path) -> None:
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "BUILD.bazel").write_text("")
    (tmp_path / "p" / "m.py").write_text("")
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "BUILD.bazel").write_text("")
    files = RepoFiles.scan(tmp_path)
    assert files.files == ["p/BUILD.bazel", "p/m.py"]
    assert files.packages == {"p": "p/BUILD.bazel"}
