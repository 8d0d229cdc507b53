"""`./dev test --changed`, `--since` and `--gear`: which tests run, which floors apply, what the
closing lines say, on a small git repository."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from affected_tests.tests.fixture_repo import write_repo
from dev_cli import cmd_test
from dev_cli.gate_scope import changed_scope, full_scope, gear_scope
from gear_pytest.git_repo import commit_all, git

ALPHA_TEST = "gears/alpha/test/python/test_alpha.py"
BETA_TEST = "gears/beta/test/python/test_beta.py"
TREE_TEST = "tools/tree/test_tree.py"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = write_repo(tmp_path, git=True)
    monkeypatch.setenv("DEV_REPO_ROOT", str(root))
    return root


def args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    cmd_test.add_arguments(parser)
    return parser.parse_args(list(argv))


def test_the_full_gate_runs_every_test_and_checks_every_floor(repo: Path) -> None:
    scope = full_scope(repo)
    assert scope.files == [ALPHA_TEST, BETA_TEST, TREE_TEST]
    assert scope.floor_areas is None
    assert scope.ran is None
    assert cmd_test.gate_scope(repo, args()) is None


def test_an_untracked_file_in_a_gear_runs_that_gears_tests(repo: Path) -> None:
    (repo / "gears/beta/src/python/beta_app/new_module.py").write_text("")

    scope = changed_scope(repo, None)

    assert scope.files == [BETA_TEST, TREE_TEST]
    assert scope.floor_areas is not None
    assert "gears/beta" in scope.floor_areas
    assert {"common", "gears/alpha"}.isdisjoint(scope.floor_areas)
    summary = scope.summary([], tests_passed=True)
    assert summary.startswith(
        "dev test --changed: 2 of 3 test files ran, affected by 1 changed file since "
    )
    assert "(HEAD, as there is no origin/main); 1 skipped as unaffected. Coverage floors" in summary
    assert "checked for " in summary
    assert "not for 2 whose tests did not all run (common, gears/alpha" in summary
    ran = summary.split(". Coverage")[0]
    assert scope.summary(["-k", "x"], tests_passed=True) == (
        f"{ran}. No coverage floor checked: pytest was given '-k x'."
    )
    assert (
        scope.summary([], tests_passed=False) == f"{ran}. No coverage floor checked: tests failed."
    )


def test_the_closing_line_reads_whether_the_tests_passed_from_the_report(
    repo: Path, tmp_path: Path
) -> None:
    (repo / "gears/beta/src/python/beta_app/main.py").write_text("x = 1\n")
    scope = changed_scope(repo, None)
    junit = tmp_path / "junit.xml"
    assert cmd_test.scope_lines(scope, [], junit)[0].endswith("tests failed.")  # no report
    junit.write_text('<testsuite tests="3" failures="1" errors="0" skipped="0"/>')
    assert cmd_test.scope_lines(scope, [], junit)[0].endswith("tests failed.")
    assert cmd_test.closing_line(junit, scope) == "pytest: 2 passed, 1 failed, 0 skipped"
    junit.write_text(
        '<testsuites><testsuite tests="3" failures="0" errors="0" skipped="1"/></testsuites>'
    )
    assert "Coverage floors checked for" in cmd_test.scope_lines(scope, [], junit)[0]
    assert cmd_test.closing_line(junit, scope) == "pytest: 2 passed, 0 failed, 1 skipped"


def test_since_counts_committed_changes_too(repo: Path) -> None:
    first = git(repo, "rev-parse", "HEAD")
    (repo / "common/src/python/shared/util.py").write_text("x = 1\n")
    commit_all(repo, "edit")

    assert changed_scope(repo, None).files == []  # nothing since HEAD
    assert changed_scope(repo, first).files == [ALPHA_TEST, TREE_TEST]


def test_the_lock_runs_every_test_and_says_why(repo: Path) -> None:
    (repo / "requirements_lock.txt").write_text("changed\n")
    scope = changed_scope(repo, None)
    assert scope.files == [ALPHA_TEST, BETA_TEST, TREE_TEST]
    summary = scope.summary([], tests_passed=True)
    assert "(requirements_lock.txt affects every test)" in summary
    assert summary.endswith("Coverage floors checked for every area.")


def test_gear_runs_the_tests_its_files_affect(repo: Path) -> None:
    scope = gear_scope(repo, ["alpha"])
    assert scope.files == [ALPHA_TEST, TREE_TEST]
    assert scope.summary([], tests_passed=True).startswith(
        "dev test --gear: 2 of 3 test files ran, affected by the files of alpha;"
    )


def test_no_change_runs_no_test_and_passes(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scope = changed_scope(repo, None)
    assert (scope.files, scope.floor_areas) == ([], frozenset())
    assert scope.summary([], tests_passed=True).endswith(
        "3 skipped as unaffected. No coverage floor applies."
    )
    assert scope.summary(["-x"], tests_passed=True).endswith(
        "No coverage floor applies; pytest's arguments '-x' went unused."
    )
    assert cmd_test.pytest_with_coverage(repo, [], repo / "junit.xml", scope) is True
    assert cmd_test.closing_line(repo / "junit.xml", scope) == (
        "pytest: 0 passed, 0 failed, 0 skipped (no test affected)"
    )
    assert "no test to run" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--gear", "gamma"], "dev test: no gear named 'gamma'"),
        (["--since", "no-such-rev"], "dev test: unknown revision 'no-such-rev'"),
        (["--changed", "--gear", "alpha"], "dev test: --gear and --changed/--since are two ways"),
    ],
)
def test_a_bad_choice_is_one_line_and_exit_2_before_any_step(
    repo: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert cmd_test.run(args(*argv)) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(message), err
    assert len(err.splitlines()) == 1


def test_pytest_arguments_say_the_floors_were_not_checked() -> None:
    assert cmd_test.pytest_extra(args("--", "-k", "manifest").pytest_args) == ["-k", "manifest"]
    assert cmd_test.scope_lines(None, ["-k", "manifest"], Path("no-report.xml")) == [
        "dev test: coverage floors not checked: pytest was given '-k manifest'"
        " (./dev test without arguments checks them)"
    ]
    assert cmd_test.scope_lines(None, [], Path("no-report.xml")) == []


def test_gear_names_stop_before_the_pytest_arguments() -> None:
    parsed = args("--gear", "alpha", "beta", "--", "-x")
    assert parsed.gears == ["alpha", "beta"]
    assert cmd_test.pytest_extra(parsed.pytest_args) == ["-x"]
