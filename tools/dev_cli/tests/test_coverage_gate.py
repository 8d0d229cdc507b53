"""The coverage gate: the area rule, the floors, and that missing data fails it."""

from __future__ import annotations

from pathlib import Path

import coverage
import pytest

from dev_cli import coverage_gate
from dev_cli.coverage_check import check_coverage
from dev_cli.coverage_gate import area_of, expected_floors, floor_problems, problems, totals


@pytest.mark.parametrize(
    ("path", "area"),
    [
        ("common/src/python/gear_runner/keys.py", "common"),
        ("common/src/python/atomic_files/__init__.py", "common"),
        ("gears/project_management/src/python/project_app/run.py", "gears/project_management"),
        ("gears/other_gear/src/python/other_app/main.py", "gears/other_gear"),
        ("tools/buildcheck/graph.py", "tools/buildcheck"),
        ("tools/dev_cli/test_targets.py", "tools/dev_cli"),  # a source file named test_*
        ("tools/gear_pytest/plugin.py", "tools/gear_pytest"),
        ("tools/gear_pytest/tests/test_main.py", None),
        ("common/test/python/gear_runner/test_keys.py", None),
        ("gears/project_management/test/python/test_plan.py", None),
        ("gears/project_management/src/docker/manifest.json", None),
        ("common/src/python", None),
        ("docs/conf.py", None),
        ("dev", None),
    ],
)
def test_area_rule(path: str, area: str | None) -> None:
    assert area_of(Path(path)) == area


def fake_root(root: Path, gears: list[str], tools: list[str]) -> Path:
    for gear in gears:
        (root / "gears" / gear / "src" / "python").mkdir(parents=True)
    for package in tools:
        (root / "tools" / package).mkdir(parents=True)
        (root / "tools" / package / "__init__.py").write_text("")
    return root


def test_every_gear_folder_and_tools_package_is_expected(tmp_path: Path) -> None:
    root = fake_root(tmp_path, ["alpha", "beta"], [])
    floors = expected_floors(root)
    assert floors["common"] == 90.0
    assert floors["gears/alpha"] == floors["gears/beta"] == 90.0
    assert floors["tools/buildcheck"] == 90.0
    assert floors["tools/dev_cli"] == 75.0
    assert floors["tools/gear_pytest"] == 95.0
    assert len(floors) == 3 + len(coverage_gate.TOOL_FLOORS)


def test_no_data_at_all_fails_every_area() -> None:
    floors = {"common": 90.0, "gears/alpha": 90.0, "tools/lock_check": 85.0}
    assert problems({}, floors) == [
        "common: no coverage data (not one of its lines was measured)",
        "gears/alpha: no coverage data (not one of its lines was measured)",
        "tools/lock_check: no coverage data (not one of its lines was measured)",
    ]


def test_a_gear_without_data_fails_the_gate() -> None:
    floors = {"common": 90.0, "gears/alpha": 90.0, "gears/beta": 90.0}
    areas = {"common": (95, 100), "gears/alpha": (9, 10), "gears/beta": (0, 0)}
    assert problems(areas, floors) == [
        "gears/beta: no coverage data (not one of its lines was measured)"
    ]


def test_floors_are_met_at_the_floor_and_missed_below_it() -> None:
    floors = {"common": 90.0, "tools/dev_cli": 75.0}
    assert problems({"common": (90, 100), "tools/dev_cli": (3, 4)}, floors) == []
    assert problems({"common": (899, 1000), "tools/dev_cli": (74, 100)}, floors) == [
        "common: 89.9% of 1000 lines covered, below its floor of 90%",
        "tools/dev_cli: 74.0% of 100 lines covered, below its floor of 75%",
    ]


def test_a_measured_area_without_a_floor_fails() -> None:
    assert problems({"gears/new": (1, 1)}, {}) == ["gears/new: measured but has no floor"]


def test_every_tools_package_needs_a_floor(tmp_path: Path) -> None:
    root = fake_root(tmp_path, [], [*coverage_gate.TOOL_FLOORS, "brand_new"])
    (root / "tools" / "bazel").mkdir()  # no __init__.py: not a Python package
    assert floor_problems(root) == ["tools/brand_new: no coverage floor; add one to TOOL_FLOORS"]
    (root / "tools" / "lock_check" / "__init__.py").unlink()
    assert floor_problems(root)[-1] == (
        "tools/lock_check: a coverage floor for a package that does not exist"
    )


def test_totals_sum_statements_per_area(tmp_path: Path) -> None:
    measured = [
        (tmp_path / "common/src/python/a/x.py", 10, 1),
        (tmp_path / "common/src/python/b/y.py", 10, 0),
        (tmp_path / "tools/lock_check/check.py", 4, 2),
        (tmp_path / "tools/lock_check/tests/test_lock_check.py", 50, 0),
        (Path("/elsewhere/site-packages/z.py"), 7, 7),
    ]
    assert totals(measured, tmp_path) == {"common": (19, 20), "tools/lock_check": (2, 4)}


def data_file(root: Path, executed: dict[str, list[int]]) -> Path:
    """A real coverage data file recording the executed lines of files under `root`."""
    data = coverage.CoverageData(basename=str(root / ".coverage"))
    data.add_lines({str(root / name): lines for name, lines in executed.items()})
    data.write()
    return Path(data.data_filename())


def two_line_sources(tmp_path: Path) -> tuple[Path, list[str]]:
    """A fake repository with a two-line source file in every area; its root and the files."""
    root = fake_root(tmp_path, ["alpha"], list(coverage_gate.TOOL_FLOORS))
    (root / "pyproject.toml").write_text("")
    sources = ["common/src/python/pkg/mod.py", "gears/alpha/src/python/app/run.py"]
    sources += [f"tools/{package}/__init__.py" for package in coverage_gate.TOOL_FLOORS]
    for source in sources:
        (root / source).parent.mkdir(parents=True, exist_ok=True)
        (root / source).write_text("x = 1\ny = x + 1\n")
    return root, sources


def test_an_empty_coverage_result_fails_the_gate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = fake_root(tmp_path, ["alpha"], list(coverage_gate.TOOL_FLOORS))
    (root / "pyproject.toml").write_text("")
    assert check_coverage(data_file(root, {}), root) is False
    err = capsys.readouterr().err
    assert "coverage gate: common: no coverage data" in err
    assert "coverage gate: gears/alpha: no coverage data" in err
    assert "coverage gate: tools/buildcheck: no coverage data" in err


def test_covered_areas_pass_the_gate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root, sources = two_line_sources(tmp_path)
    executed = {source: [1, 2] for source in sources}
    assert check_coverage(data_file(root, executed), root) is True
    out = capsys.readouterr().out
    assert "coverage common: 100.0% of 2 lines" in out
    assert "coverage gears/alpha: 100.0% of 2 lines" in out


def test_a_missed_line_counts_against_its_area(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, sources = two_line_sources(tmp_path)
    executed = {source: [1, 2] for source in sources} | {sources[1]: [1]}
    assert check_coverage(data_file(root, executed), root) is False
    assert "gears/alpha: 50.0% of 2 lines covered, below its floor of 90%" in (
        capsys.readouterr().err
    )


def test_a_package_without_a_floor_is_named_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, sources = two_line_sources(tmp_path)
    (root / "tools/brand_new").mkdir()
    (root / "tools/brand_new/__init__.py").write_text("x = 1\n")
    executed = {source: [1, 2] for source in sources} | {"tools/brand_new/__init__.py": [1]}
    assert check_coverage(data_file(root, executed), root) is False
    assert capsys.readouterr().err == (
        "coverage gate: tools/brand_new: no coverage floor; add one to TOOL_FLOORS\n"
    )


def test_with_only_some_areas_the_others_are_neither_shown_nor_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `./dev test --changed`: gears/alpha's tests all ran; common's did not (it is half covered).
    root, sources = two_line_sources(tmp_path)
    executed = {source: [1, 2] for source in sources} | {sources[0]: [1]}
    data = data_file(root, executed)
    assert check_coverage(data, root) is False  # the full gate fails on common
    capsys.readouterr()

    assert check_coverage(data, root, frozenset({"gears/alpha"})) is True
    out = capsys.readouterr().out.splitlines()
    assert "coverage gears/alpha: 100.0% of 2 lines" in out
    assert not any(line.startswith("coverage common") for line in out)


def test_an_area_whose_tests_all_ran_still_fails_below_its_floor(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, sources = two_line_sources(tmp_path)
    executed = {source: [1, 2] for source in sources} | {sources[1]: [1]}
    assert check_coverage(data_file(root, executed), root, frozenset({"gears/alpha"})) is False
    assert "gears/alpha: 50.0% of 2 lines covered, below its floor of 90%" in (
        capsys.readouterr().err
    )
