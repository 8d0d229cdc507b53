"""The lock check against small requirements files and against the repository's own lock."""

from __future__ import annotations

from pathlib import Path

from lock_check.check import check_lock

LOCK = """\
boto3==1.44.8 \\
    --hash=sha256:aa \\
    --hash=sha256:bb
    # via -r requirements.in
botocore==1.44.8 \\
    --hash=sha256:cc
    # via
    #   boto3
    #   -r requirements.in
jmespath==1.1.0 \\
    --hash=sha256:dd
    # via boto3
"""


def write(tmp_path: Path, requirements: str, lock: str = LOCK) -> tuple[Path, Path]:
    (tmp_path / "requirements.in").write_text(requirements)
    (tmp_path / "requirements_lock.txt").write_text(lock)
    return tmp_path / "requirements.in", tmp_path / "requirements_lock.txt"


def test_matching_lock_passes(tmp_path: Path) -> None:
    assert check_lock(*write(tmp_path, "boto3  # comment\nBotocore>=1.40\n")) == []


def test_requirement_missing_from_lock(tmp_path: Path) -> None:
    problems = check_lock(*write(tmp_path, "boto3\nbotocore\npyyaml\n"))
    assert problems == [
        "requirements_lock.txt: pyyaml is in requirements.in but not locked; run ./dev lock"
    ]


def test_version_outside_the_range(tmp_path: Path) -> None:
    (problem,) = check_lock(*write(tmp_path, "boto3<1.40\nbotocore\n"))
    assert "boto3==1.44.8 does not satisfy" in problem


def test_removed_requirement_is_stale(tmp_path: Path) -> None:
    (problem,) = check_lock(*write(tmp_path, "boto3\n"))
    assert "botocore is locked as direct but no longer in requirements.in" in problem


def test_transitive_dependency_made_direct_needs_a_relock(tmp_path: Path) -> None:
    (problem,) = check_lock(*write(tmp_path, "boto3\nbotocore\njmespath\n"))
    assert "jmespath is not marked as from requirements.in" in problem


def test_unhashed_pin_and_bad_line(tmp_path: Path) -> None:
    lock = LOCK.replace("jmespath==1.1.0 \\\n    --hash=sha256:dd\n", "jmespath==1.1.0\n")
    problems = check_lock(*write(tmp_path, "boto3\nbotocore\nnot a requirement!\n", lock))
    assert any("requirements.in line 3" in p for p in problems)
    assert any("jmespath has no --hash" in p for p in problems)


def test_extras_must_stay_on_the_pin(tmp_path: Path) -> None:
    lock = LOCK.replace("boto3==1.44.8", "boto3[crt]==1.44.8")
    assert check_lock(*write(tmp_path, "boto3[crt]\nbotocore\n", lock)) == []
    (problem,) = check_lock(*write(tmp_path, "boto3[crt]\nbotocore\n"))
    assert "boto3 is pinned without the extras ['crt']" in problem


def test_repository_lock_agrees() -> None:
    root = Path(__file__).parents[3]
    assert check_lock(root / "requirements.in", root / "requirements_lock.txt") == []
