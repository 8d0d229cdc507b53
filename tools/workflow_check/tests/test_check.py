"""The workflow check: the repository's own workflows pass; each broken rule is reported."""

from __future__ import annotations

from pathlib import Path

from workflow_check.check import check_file, check_repository

ROOT = Path(__file__).parents[3]

GOOD = """\
name: ci
on: [push]
jobs:
  first:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v4
      - run: ./dev test
  second:
    needs: first
    runs-on: ubuntu-24.04
    steps:
      - run: echo "$TOKEN"
        env:
          TOKEN: ${{ secrets.TOKEN }}
"""


def write(tmp_path: Path, text: str, name: str = "workflows/ci.yml") -> Path:
    path = tmp_path / ".github" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_repository_workflows_pass() -> None:
    assert (ROOT / ".github/workflows/ci.yml").is_file()
    assert check_repository(ROOT) == []


def test_a_good_workflow_passes(tmp_path: Path) -> None:
    assert check_file(write(tmp_path, GOOD), tmp_path) == []


def test_each_broken_rule_is_named(tmp_path: Path) -> None:
    bad = (
        GOOD.replace("actions/checkout@v4", "actions/checkout")
        .replace("needs: first", "needs: [first, third]")
        .replace("      - run: ./dev test\n", "      - run: ./dev test\n        uses: a/b@v1\n")
        .replace('echo "$TOKEN"', "echo ${{ secrets.TOKEN }}")
        .replace("on: [push]\n", "")
        .replace("  second:\n", "  second:\n\n")
    )
    problems = check_file(write(tmp_path, bad + "  third:\n    steps: []\n"), tmp_path)
    text = "\n".join(problems)
    assert "`uses: actions/checkout` is not pinned" in text
    assert "job second: needs unknown job" not in text  # third exists
    assert "job third: no `runs-on`" in text
    assert "job third: `steps` must be a non-empty list" in text
    assert "job first step 2: needs exactly one of `uses` and `run`" in text
    assert "job second step 1: a secret inside `run`" in text
    assert "no `on`" in text
    assert all(line.startswith(".github/workflows/ci.yml: ") for line in problems)


def test_unknown_needs_cycles_and_tabs(tmp_path: Path) -> None:
    cyclic = GOOD.replace("  first:\n", "  first:\n    needs: second\n").replace(
        "needs: first", "needs: [first, nope]"
    )
    text = "\n".join(check_file(write(tmp_path, cyclic), tmp_path))
    assert "job second: needs unknown job 'nope'" in text
    assert "cycle: first -> second -> first" in text
    tabbed = GOOD.replace("run: ./dev test", 'run: "./dev\ttest"')
    assert check_file(write(tmp_path, tabbed), tmp_path) == [
        ".github/workflows/ci.yml: line 8: tab character"
    ]


def test_local_actions(tmp_path: Path) -> None:
    action = "runs:\n  using: composite\n  steps:\n    - run: echo hi\n"
    write(tmp_path, action, "actions/good/action.yml")
    workflow = GOOD.replace("actions/checkout@v4", "./.github/actions/good")
    assert check_file(write(tmp_path, workflow), tmp_path) == []
    problems = check_repository(tmp_path)
    assert problems == [
        ".github/actions/good/action.yml: runs step 1:"
        " a composite action's `run` step needs `shell`"
    ]
    missing = GOOD.replace("actions/checkout@v4", "./.github/actions/none")
    assert "no action.yml there" in "\n".join(check_file(write(tmp_path, missing), tmp_path))


def test_no_workflows_at_all(tmp_path: Path) -> None:
    assert check_repository(tmp_path) == [f"{tmp_path / '.github/workflows'}: no workflow files"]
