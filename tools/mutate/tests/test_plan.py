"""Which tests judge a module's mutants, and the cosmic-ray config that runs them."""

from __future__ import annotations

from pathlib import Path

import pytest

from mutate import plan as mutation_plan
from mutate.plan import MutationPlan, PlanError, config_text, default_tests, plan_for


def touch(root: Path, *paths: str) -> None:
    for path in paths:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text("")


def test_a_modules_own_test_file(tmp_path: Path) -> None:
    touch(tmp_path, "common/src/python/gear_keys/api_key.py")
    touch(tmp_path, "common/test/python/gear_keys/test_api_key.py")
    assert default_tests(tmp_path, "common/src/python/gear_keys/api_key.py") == [
        "common/test/python/gear_keys/test_api_key.py"
    ]


def test_else_its_packages_test_folder(tmp_path: Path) -> None:
    touch(tmp_path, "common/src/python/flywheel_access/retry.py")
    touch(tmp_path, "common/test/python/flywheel_access/test_writer.py")
    touch(tmp_path, "tools/manifest_check/agreement.py", "tools/manifest_check/tests/test_check.py")
    touch(tmp_path, "gears/g/src/python/app/plan.py", "gears/g/test/python/test_plan.py")
    assert default_tests(tmp_path, "common/src/python/flywheel_access/retry.py") == [
        "common/test/python/flywheel_access"
    ]
    assert default_tests(tmp_path, "tools/manifest_check/agreement.py") == [
        "tools/manifest_check/tests"
    ]
    assert default_tests(tmp_path, "gears/g/src/python/app/plan.py") == [
        "gears/g/test/python/test_plan.py"
    ]


def test_a_module_outside_the_layout_needs_tests_named(tmp_path: Path) -> None:
    touch(tmp_path, "scripts/x.py")
    with pytest.raises(PlanError, match=r"scripts/x.py: no test folder .*; name --tests"):
        default_tests(tmp_path, "scripts/x.py")


def test_plan_checks_the_module_and_the_tests(tmp_path: Path) -> None:
    touch(tmp_path, "tools/t/m.py", "tools/t/tests/test_m.py")
    assert plan_for(tmp_path, "tools/t/m.py") == MutationPlan(
        "tools/t/m.py", ("tools/t/tests/test_m.py",)
    )
    assert plan_for(tmp_path, "tools/t/m.py", ["tools/t/tests"]).tests == ("tools/t/tests",)
    with pytest.raises(PlanError, match=r"tools/t/n\.py: not a Python file of the repository"):
        plan_for(tmp_path, "tools/t/n.py")
    with pytest.raises(PlanError, match=r"tools/t/tests/test_x\.py: no such test file"):
        plan_for(tmp_path, "tools/t/m.py", ["tools/t/tests/test_x.py"])


def test_the_config_runs_pytest_as_dev_test_does() -> None:
    plan = MutationPlan("tools/t/m.py", ("tools/t/tests/test_m.py",))
    command = mutation_plan.test_command(
        plan, "/venv/bin/python", [Path("/r/common"), Path("/r/my tools")]
    )
    assert command == (
        "env 'PYTHONPATH=/r/common:/r/my tools' /venv/bin/python -m pytest -x -q"
        " -p gear_pytest.plugin --import-mode=importlib -p no:cacheprovider"
        " tools/t/tests/test_m.py"
    )
    assert config_text(plan, "env 'A=b' python -m pytest \"x\"") == (
        "[cosmic-ray]\n"
        'module-path = "tools/t/m.py"\n'
        "timeout = 120.0\n"
        "excluded-modules = []\n"
        'test-command = "env \'A=b\' python -m pytest \\"x\\""\n'
        "\n[cosmic-ray.distributor]\n"
        'name = "local"\n'
    )
