"""The `:push` wrapper: check every non-`latest` tag, then become rules_oci's push script."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

from safe_push.crane_answers import ANSWERS
from safe_push.main import LookupFactory, run, split_argv
from safe_push.remote import DigestLookup, RegistryError

REPO = "index.docker.io/naccdata/project-management"
LOCAL = "sha256:" + "1" * 64
OTHER = "sha256:" + "2" * 64
IMAGE = "_main/gears/pm/src/docker/project-management"
SCRIPT = "_main/gears/pm/src/docker/push__push_unchecked.sh"
CRANE = "rules_oci++oci+oci_crane_linux_amd64/crane"


def runfiles(root: Path, crane_answers: dict[str, str]) -> Path:
    """A runfiles tree as `bazel run :push` sees it: image, push script, crane."""
    image = root / IMAGE
    image.mkdir(parents=True)
    (image / "index.json").write_text(json.dumps({"manifests": [{"digest": LOCAL}]}))
    script = root / SCRIPT
    script.write_text(
        '#!/bin/sh\nprintf "%s\\n" "$@" > "$RUNFILES_DIR/pushed"\necho "pushed by the script"\n'
    )
    script.chmod(0o755)
    crane = root / CRANE
    crane.parent.mkdir(parents=True)
    cases = "".join(f"  {shlex.quote(r)}) echo {d};;\n" for r, d in crane_answers.items())
    crane.write_text(
        '#!/bin/sh\nfor ref; do :; done\ncase "$ref" in\n'
        f"{cases}"
        '  *) echo "Error: GET $ref: MANIFEST_UNKNOWN: manifest unknown" >&2; exit 1;;\nesac\n'
    )
    crane.chmod(0o755)
    return root


def wrapper_args(*extra: str) -> list[str]:
    own = ["--image", IMAGE, "--push-script", SCRIPT, "--crane", CRANE, "--repository", REPO]
    return [*own, "--tag=0.1.0", "--tag=latest", "--", *extra]


class Recorder:
    """Stands in for exec: records what would have been run."""

    def __init__(self) -> None:
        self.calls: list[tuple[Path, list[str]]] = []

    def __call__(self, script: Path, args: Sequence[str], environ: Mapping[str, str]) -> int:
        self.calls.append((script, list(args)))
        return 0


def fake_lookup(remote: dict[str, str], asked: list[str]) -> LookupFactory:
    def make(crane: Path, *, insecure: bool) -> DigestLookup:
        def lookup(reference: str) -> str | None:
            asked.append(reference)
            return remote.get(reference)

        return lookup

    return make


def test_split_argv() -> None:
    assert split_argv(["--a", "1", "--", "-t", "x", "--"]) == (["--a", "1"], ["-t", "x", "--"])
    assert split_argv(["--a"]) == (["--a"], [])


def test_new_version_is_pushed_with_the_extra_args(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    environ = {"RUNFILES_DIR": str(runfiles(tmp_path, {}))}
    asked: list[str] = []
    push = Recorder()
    code = run(
        wrapper_args("-t", "nightly"), environ, make_lookup=fake_lookup({}, asked), push=push
    )
    assert code == 0
    assert asked == [f"{REPO}:0.1.0", f"{REPO}:nightly"]
    assert push.calls == [(tmp_path / SCRIPT, ["-t", "nightly"])]
    assert f"{REPO} {LOCAL} as 0.1.0, latest, nightly" in capsys.readouterr().out


def test_moved_version_tag_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    environ = {"RUNFILES_DIR": str(runfiles(tmp_path, {}))}
    remote = {f"{REPO}:0.1.0": OTHER, f"{REPO}:latest": OTHER}
    push = Recorder()
    code = run(wrapper_args(), environ, make_lookup=fake_lookup(remote, []), push=push)
    assert code == 1
    assert push.calls == []
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1
    assert f"{REPO}:0.1.0" in lines[0] and OTHER in lines[0] and LOCAL in lines[0]


def test_repository_override_is_checked_there(tmp_path: Path) -> None:
    environ = {"RUNFILES_DIR": str(runfiles(tmp_path, {}))}
    asked: list[str] = []
    remote = {f"{REPO}:0.1.0": OTHER}
    push = Recorder()
    args = wrapper_args("-r", "ghcr.io/naccdata/pm")
    code = run(args, environ, make_lookup=fake_lookup(remote, asked), push=push)
    assert code == 0
    assert asked == ["ghcr.io/naccdata/pm:0.1.0"]
    assert push.calls[0][1] == ["-r", "ghcr.io/naccdata/pm"]


def test_registry_errors_and_bad_arguments_push_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    environ = {"RUNFILES_DIR": str(runfiles(tmp_path, {}))}

    def failing(crane: Path, *, insecure: bool) -> DigestLookup:
        def lookup(reference: str) -> str | None:
            raise RegistryError(f"crane digest {reference} failed: UNAUTHORIZED")

        return lookup

    push = Recorder()
    assert run(wrapper_args(), environ, make_lookup=failing, push=push) == 1
    assert "cannot check the tags, nothing pushed" in capsys.readouterr().err
    assert run(wrapper_args("--tag"), environ, make_lookup=failing, push=push) == 2
    assert "--tag needs a value" in capsys.readouterr().err
    assert run(wrapper_args(), {"RUNFILES_DIR": str(tmp_path / "none")}, push=push) == 1
    assert "not in this binary's runfiles" in capsys.readouterr().err
    assert push.calls == []


def run_binary(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, RUNFILES_DIR=str(root), PYTHONPATH=os.pathsep.join(sys.path))
    argv = [sys.executable, "-m", "safe_push.main", *wrapper_args(*extra)]
    return subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60, check=False)


def test_process_execs_the_push_script_after_real_crane_calls(tmp_path: Path) -> None:
    root = runfiles(tmp_path, {f"{REPO}:0.1.0": LOCAL})
    done = run_binary(root, "--tag", "nightly")
    assert done.returncode == 0, done.stderr
    assert "pushed by the script" in done.stdout
    assert (root / "pushed").read_text().splitlines() == ["--tag", "nightly"]


def test_process_refuses_without_running_the_push_script(tmp_path: Path) -> None:
    root = runfiles(tmp_path, {f"{REPO}:0.1.0": OTHER})
    done = run_binary(root)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"refusing to push {REPO}:0.1.0: the registry has {OTHER}, this build is {LOCAL}; only"
        " latest may move (bump the version in manifest.json and the BUILD file's image_tags)"
    ]
    assert not (root / "pushed").exists()


def crane_failing_with(root: Path, output: str) -> None:
    """Make the runfiles' crane fail every `crane digest` with `output` on stderr."""
    crane = root / CRANE
    crane.write_text(f"#!/bin/sh\ncat >&2 <<'END'\n{output}\nEND\nexit 1\n")


def test_first_push_to_a_new_docker_hub_repository_goes_ahead(tmp_path: Path) -> None:
    (answer,) = [a for a in ANSWERS if a.name == "docker-hub-missing-repository"]
    root = runfiles(tmp_path, {})
    crane_failing_with(
        root, answer.output.replace("naccdata/new-gear", "naccdata/project-management")
    )
    done = run_binary(root)
    assert done.returncode == 0, done.stderr
    assert "pushed by the script" in done.stdout


def test_bad_docker_hub_credentials_push_nothing(tmp_path: Path) -> None:
    (answer,) = [a for a in ANSWERS if a.name == "docker-hub-bad-credentials"]
    root = runfiles(tmp_path, {})
    crane_failing_with(root, answer.output)
    done = run_binary(root)
    assert done.returncode == 1
    assert "cannot check the tags, nothing pushed" in done.stderr
    assert "incorrect username or password" in done.stderr
    assert "log in" in done.stderr
    assert len(done.stderr.splitlines()) == 1
    assert not (root / "pushed").exists()
