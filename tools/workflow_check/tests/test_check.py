"""The workflow check: the repository's own workflows pass GitHub's schemas and our rules; each
broken rule is reported once, by the schema or by the structure check, naming file and place."""

from __future__ import annotations

from pathlib import Path

import yaml

from workflow_check.check import check_files, check_repository, workflow_files
from workflow_check.schema import ACTION_SCHEMA, WORKFLOW_SCHEMA, schema_for

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

ACTION = """\
name: tool
description: a local composite action
runs:
  using: composite
  steps:
    - run: echo hi
      shell: bash
"""


def write(root: Path, text: str, name: str = "workflows/ci.yml") -> Path:
    path = root / ".github" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def problems_of(root: Path, text: str, name: str = "workflows/ci.yml") -> list[str]:
    return check_files([write(root, text, name)], root)


def test_repository_workflows_and_actions_pass() -> None:
    files = workflow_files(ROOT)
    assert ROOT / ".github/workflows/ci.yml" in files
    assert {schema_for(path) for path in files} == {WORKFLOW_SCHEMA, ACTION_SCHEMA}
    assert check_repository(ROOT) == []


def test_a_good_workflow_and_action_pass(tmp_path: Path) -> None:
    write(tmp_path, ACTION, "actions/tool/action.yml")
    assert check_repository(tmp_path) == []
    assert (
        problems_of(tmp_path, GOOD.replace("actions/checkout@v4", "./.github/actions/tool")) == []
    )


def test_the_schema_reports_a_missing_key(tmp_path: Path) -> None:
    assert problems_of(tmp_path, GOOD.replace("on: [push]\n", "")) == [
        ".github/workflows/ci.yml: $: 'on' is a required property (vendor.github-workflows)"
    ]


def test_the_schema_names_the_deepest_wrong_key(tmp_path: Path) -> None:
    typo = GOOD.replace(
        "- uses: actions/checkout@v4\n", "- uses: actions/checkout@v4\n        wiht: 1\n"
    )
    (line,) = problems_of(tmp_path, typo)
    assert line.startswith(".github/workflows/ci.yml: $.jobs.first: fits none of the schema's")
    assert "$.jobs.first.steps[0]: Additional properties are not allowed ('wiht' was" in line
    no_runner = GOOD.replace("    needs: first\n    runs-on: ubuntu-24.04\n", "    needs: first\n")
    (line,) = problems_of(tmp_path, no_runner)
    assert "$.jobs.second: 'runs-on' is a required property" in line
    both = GOOD.replace(
        "      - run: ./dev test\n", "      - run: ./dev test\n        uses: a/b@v1\n"
    )
    (line,) = problems_of(tmp_path, both)
    assert "$.jobs.first.steps[1]: {'run': './dev test', 'uses': 'a/b@v1'}" in line


def test_the_action_schema_checks_local_actions(tmp_path: Path) -> None:
    (line,) = problems_of(
        tmp_path, ACTION.replace("      shell: bash\n", ""), "actions/t/action.yml"
    )
    assert line.startswith(".github/actions/t/action.yml: $.runs: fits none of the schema's")
    assert "$.runs.steps[0]" in line
    assert "--builtin-schema vendor.github-actions" in line


def test_invalid_yaml_is_one_line_with_its_place(tmp_path: Path) -> None:
    tabbed = GOOD.replace("    runs-on: ubuntu-24.04\n    steps:\n      - uses", "\truns-on: x\n")
    (line,) = problems_of(tmp_path, tabbed)
    assert line.startswith(".github/workflows/ci.yml: not valid YAML: ")
    assert "line 5, column 1" in line


def test_rules_no_schema_has(tmp_path: Path) -> None:
    bad = (
        GOOD.replace("actions/checkout@v4", "actions/checkout")
        .replace("needs: first", "needs: [first, third]")
        .replace('echo "$TOKEN"', "echo ${{ secrets.TOKEN }}")
    )
    assert problems_of(tmp_path, bad) == [
        ".github/workflows/ci.yml: job first step 1:"
        " `uses: actions/checkout` is not pinned: write owner/repo@version",
        ".github/workflows/ci.yml: job second: needs unknown job 'third'",
        ".github/workflows/ci.yml: job second step 1: a secret inside `run`; pass it through `env`",
    ]


def test_cycles_and_missing_local_actions(tmp_path: Path) -> None:
    cyclic = GOOD.replace("  first:\n", "  first:\n    needs: second\n")
    assert problems_of(tmp_path, cyclic) == [
        ".github/workflows/ci.yml: jobs depend on each other in a cycle: first -> second -> first"
    ]
    missing = GOOD.replace("actions/checkout@v4", "./.github/actions/none")
    assert problems_of(tmp_path, missing) == [
        ".github/workflows/ci.yml: job first step 1: `uses: ./.github/actions/none`:"
        " no action.yml there"
    ]
    unpinned = ACTION.replace("    - run: echo hi\n      shell: bash\n", "    - uses: a/b\n")
    assert problems_of(tmp_path, unpinned, "actions/t/action.yml") == [
        ".github/actions/t/action.yml: runs step 1: `uses: a/b` is not pinned:"
        " write owner/repo@version"
    ]


def test_no_workflows_at_all(tmp_path: Path) -> None:
    assert check_repository(tmp_path) == [f"{tmp_path / '.github/workflows'}: no workflow files"]


def test_secrets_in_if_are_rejected_and_env_is_the_way(tmp_path: Path) -> None:
    in_step = GOOD.replace(
        '      - run: echo "$TOKEN"\n', "      - if: secrets.TOKEN != ''\n        run: echo hi\n"
    )
    in_job = GOOD.replace("    needs: first\n", "    needs: first\n    if: ${{ secrets.TOKEN }}\n")
    assert problems_of(tmp_path, in_step) == [
        ".github/workflows/ci.yml: job second step 1: `secrets` in `if:` is not allowed;"
        " map it to job `env` and test `env.NAME`"
    ]
    assert problems_of(tmp_path, in_job) == [
        ".github/workflows/ci.yml: job second: `secrets` in `if:` is not allowed;"
        " map it to job `env` and test `env.NAME`"
    ]
    mapped = GOOD.replace(
        "    needs: first\n", "    needs: first\n    env:\n      TOKEN: ${{ secrets.TOKEN }}\n"
    ).replace('      - run: echo "$TOKEN"\n', "      - if: env.TOKEN != ''\n        run: echo hi\n")
    assert problems_of(tmp_path, mapped) == []


def test_every_job_that_pulls_images_logs_in_to_docker_hub_first() -> None:
    workflow = yaml.safe_load((ROOT / ".github/workflows/ci.yml").read_text())
    pulling = {
        name: job["steps"]
        for name, job in workflow["jobs"].items()
        if any(step.get("uses") == "./.github/actions/bazel" for step in job["steps"])
    }
    assert set(pulling) == {"bazel", "image-smoke", "release"}
    for name, steps in pulling.items():
        uses = [step.get("uses", "") for step in steps]
        login = next(i for i, u in enumerate(uses) if u.startswith("docker/login-action@"))
        assert login < uses.index("./.github/actions/bazel"), name
        env = workflow["jobs"][name]["env"]
        assert env["DOCKERHUB_USERNAME"] == "${{ secrets.DOCKERHUB_USERNAME }}", name
        assert env["DOCKERHUB_TOKEN"] == "${{ secrets.DOCKERHUB_TOKEN }}", name
        assert "secrets" not in str(steps[login].get("if", "")), name


def test_jobs_that_run_the_tests_install_the_registry_tools_first() -> None:
    workflow = yaml.safe_load((ROOT / ".github/workflows/ci.yml").read_text())
    tools = (ROOT / "dev").read_text().split("DEBIAN_TOOLS=(", 1)[1].split(")", 1)[0].split()
    for name, command in (("offline-gate", "./dev test"), ("bazel", "bazel test")):
        runs = [str(step.get("run", "")) for step in workflow["jobs"][name]["steps"]]
        tests = next(i for i, run in enumerate(runs) if run.startswith(command))
        installs = [i for i, run in enumerate(runs) if "apt-get install" in run]
        assert installs and installs[0] < tests, name
        assert runs[installs[0]].split()[-len(tools) :] == tools, name


def test_only_the_release_job_checks_manifests_for_a_release() -> None:
    workflow = yaml.safe_load((ROOT / ".github/workflows/ci.yml").read_text())
    running = {
        name
        for name, job in workflow["jobs"].items()
        if any("check-manifest --release" in step.get("run", "") for step in job["steps"])
    }
    assert running == {"release"}
    steps = [step.get("name", "") for step in workflow["jobs"]["release"]["steps"]]
    assert steps.index("Manifests ready for a release") < steps.index("Push the changed gears")
