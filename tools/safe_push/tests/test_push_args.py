"""Extra `bazel run :push -- ...` arguments are read as rules_oci's push script reads them."""

from __future__ import annotations

import pytest

from safe_push.push_args import PushArgsError, push_target

REPO = "index.docker.io/naccdata/x"


def test_no_extra_arguments_keep_the_build_file_values() -> None:
    target = push_target(REPO, ["0.1.0", "latest"], [])
    assert (target.repository, target.tags, target.insecure) == (REPO, ("0.1.0", "latest"), False)


def test_repository_override_last_one_wins() -> None:
    target = push_target(REPO, ["0.1.0"], ["-r", "ghcr.io/a/x", "--repository=ghcr.io/b/x"])
    assert target.repository == "ghcr.io/b/x"
    assert push_target(REPO, [], ["--repository", "ghcr.io/c/x"]).repository == "ghcr.io/c/x"


def test_extra_tags_are_added_once() -> None:
    target = push_target(REPO, ["0.1.0", "latest"], ["-t", "nightly", "--tag=0.1.0", "--tag", "rc"])
    assert target.tags == ("0.1.0", "latest", "nightly", "rc")


def test_crane_flags_pass_and_insecure_is_noticed() -> None:
    target = push_target(REPO, ["0.1.0"], ["--platform", "linux/amd64", "--insecure", "-v"])
    assert target.tags == ("0.1.0",)
    assert target.insecure


def test_flag_without_value_is_an_error() -> None:
    with pytest.raises(PushArgsError, match="--tag needs a value"):
        push_target(REPO, ["0.1.0"], ["--tag"])
    with pytest.raises(PushArgsError, match="-r needs a value"):
        push_target(REPO, ["0.1.0"], ["-r"])
