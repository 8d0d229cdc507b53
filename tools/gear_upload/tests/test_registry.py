"""`./dev upload` end to end: the stand-in, a real registry (Distribution 2.8), skopeo.

skopeo runs through a PATH shim that logs its argv and the auth file's mode, then runs the
real skopeo: the secret must appear in no output and no argv, and the auth file must be 0600
and gone afterwards.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import flywheel
import pytest

from flywheel_standin import StandIn
from gear_pytest.fixtures_registry import (
    REGISTRY_TOOLS,
    OciRegistry,
    RegistryFactory,
    make_oci_layout,
    require_tools,
)
from gear_pytest.fixtures_standin import StandInFactory
from safe_push.crane_answers import ANSWERS

DATA = Path(__file__).parent / "data"
NAME = "upload-demo"  # a gear folder `upload_demo` in a repository made for each test
MANIFEST = json.loads((DATA / "manifest.json").read_text())
VERSION = MANIFEST["version"]
SECRET = "Zq9-upload-secret-7f3"
EMAIL = "admin@example.org"  # the stand-in's default user


@dataclass
class Setup:
    standin: StandIn
    registry: OciRegistry
    key_file: Path
    shim_log: Path
    work: Path

    @property
    def password(self) -> str:
        return f"127.0.0.1:{SECRET}"

    def registry_digest(self) -> str | None:
        return self.registry.digest(NAME, VERSION, EMAIL, self.password)

    def shim_calls(self) -> list[list[str]]:
        if not self.shim_log.exists():
            return []
        calls = self.shim_log.read_text().split("\0---\0")
        return [c.strip("\0").split("\0") for c in calls if c.strip("\0")]

    def upload(self, layout: Path, *extra: str) -> subprocess.CompletedProcess[str]:
        argv = [sys.executable, "-m", "dev_cli", "upload", "upload_demo"]
        argv += ["--oci-layout", str(layout), "--api-key-file", str(self.key_file)]
        argv += ["--site-registry", self.registry.host, "--insecure", *extra]
        env = dict(os.environ)
        env.update(
            PYTHONPATH=os.pathsep.join(sys.path),
            DEV_REPO_ROOT=str(self.work / "repo"),
            PATH=f"{self.work / 'shim'}{os.pathsep}{env.get('PATH', '')}",
            HOME=str(self.work / "home"),
        )
        env.pop("FW_API_KEY", None)
        return subprocess.run(
            argv, env=env, capture_output=True, text=True, timeout=120, check=False
        )

    def assert_secret_never_shown(self, *done: subprocess.CompletedProcess[str]) -> None:
        for result in done:
            assert SECRET not in result.stdout and SECRET not in result.stderr
        for call in self.shim_calls():
            assert all(SECRET not in arg for arg in call), call


def shim(directory: Path, log: Path) -> None:
    """A `skopeo` that logs argv (NUL-separated) and its auth file's mode, then runs skopeo."""
    real = shutil.which("skopeo")
    assert real is not None
    directory.mkdir()
    script = directory / "skopeo"
    script.write_text(
        "#!/bin/sh\n"
        f'log="{log}"\n'
        'for arg; do printf "%s\\0" "$arg" >> "$log"; done\n'
        'prev=""\n'
        "for arg; do\n"
        '  if [ "$prev" = "--dest-authfile" ]; then\n'
        '    printf "mode=%s\\0" "$(stat -c %a "$arg")" >> "$log"\n'
        "  fi\n"
        '  prev="$arg"\n'
        "done\n"
        'printf "\\0---\\0" >> "$log"\n'
        f'exec "{real}" "$@"\n'
    )
    script.chmod(0o755)


@pytest.fixture
def setup(
    tmp_path: Path, standin_factory: StandInFactory, oci_registry_factory: RegistryFactory
) -> Setup:
    require_tools("skopeo", "umoci", "docker-registry")
    standin = standin_factory()
    registry = oci_registry_factory({EMAIL: f"127.0.0.1:{SECRET}"})
    key_file = tmp_path / "key"
    key_file.write_text(standin.api_key(SECRET) + "\n")
    log = tmp_path / "skopeo.log"
    shim(tmp_path / "shim", log)
    (tmp_path / "home").mkdir()
    docker = tmp_path / "repo/gears/upload_demo/src/docker"
    docker.mkdir(parents=True)
    shutil.copy(DATA / "manifest.json", docker / "manifest.json")
    return Setup(standin, registry, key_file, log, tmp_path)


def auth_files(call: list[str]) -> list[Path]:
    return [Path(call[i + 1]) for i, arg in enumerate(call) if arg == "--dest-authfile"]


def test_upload_then_again_then_another_image(setup: Setup, tmp_path: Path) -> None:
    layout = make_oci_layout(tmp_path / "a", "image a")
    first = setup.upload(layout)
    assert first.returncode == 0, first.stderr
    assert f"uploaded {NAME} {VERSION}" in first.stdout
    client = flywheel.Client(setup.standin.api_key(SECRET))
    listed = client.get_all_gears(all_versions=True, include_invalid=True)
    assert [(g.gear.name, g.gear.version) for g in listed] == [(NAME, VERSION)]
    (save,) = [r.body for r in setup.standin.writes() if r.path == "/api/gears/save"]
    pushed = setup.registry_digest()
    assert pushed is not None and save["pointer"] == pushed
    assert listed[0].exchange.rootfs_url == f"docker://{setup.registry.host}/{NAME}:{VERSION}"
    (call,) = setup.shim_calls()
    assert (
        call[:2] == ["copy", "--quiet"]
        and f"docker://{setup.registry.host}/{NAME}:{VERSION}" in call
    )
    assert "mode=600" in call
    (auth,) = auth_files(call)
    assert not auth.parent.exists()  # the private directory is gone

    writes = len(setup.standin.writes())
    again = setup.upload(layout)
    assert again.returncode == 0, again.stderr
    assert "already on the site" in again.stdout and "nothing pushed" in again.stdout
    assert len(setup.shim_calls()) == 1 and len(setup.standin.writes()) == writes

    other = setup.upload(make_oci_layout(tmp_path / "b", "image b"))
    assert other.returncode == 1
    (line,) = other.stderr.splitlines()
    assert "already on the site with another image" in line and "nothing pushed" in line
    assert len(setup.shim_calls()) == 1 and len(setup.standin.writes()) == writes
    assert setup.registry_digest() == pushed
    setup.assert_secret_never_shown(first, again, other)


def test_dry_run_pushes_and_registers_nothing(setup: Setup, tmp_path: Path) -> None:
    done = setup.upload(make_oci_layout(tmp_path / "a", "image a"), "--dry-run")
    assert done.returncode == 0, done.stderr
    assert "dry run: nothing pushed or registered" in done.stdout
    assert f"would push it to {setup.registry.host}/{NAME}:{VERSION}" in done.stdout
    assert setup.standin.writes() == []
    assert setup.shim_calls() == []
    assert setup.registry_digest() is None
    setup.assert_secret_never_shown(done)


def test_wrong_registry_password_is_one_line_and_registers_nothing(
    setup: Setup, tmp_path: Path, oci_registry_factory: RegistryFactory
) -> None:
    setup.registry = oci_registry_factory({EMAIL: "127.0.0.1:another-password"})
    done = setup.upload(make_oci_layout(tmp_path / "a", "image a"))
    assert done.returncode == 1
    (line,) = done.stderr.splitlines()
    assert line.startswith("upload: push failed (skopeo): ")
    assert [r.path for r in setup.standin.writes()] == ["/api/gears/prepare-add"]
    (call,) = setup.shim_calls()
    assert not auth_files(call)[0].parent.exists()
    setup.assert_secret_never_shown(done)


def _crane_rendering(body: bytes) -> str:
    """A registry error body as crane prints it (transport/error.go, Diagnostic.String)."""
    (error,) = json.loads(body)["errors"]
    details = " ".join(
        "map[" + " ".join(f"{k}:{v}" for k, v in sorted(d.items())) + "]" for d in error["detail"]
    )
    return f"{error['code']}: {error['message']}; [{details}]"


def test_a_bad_login_answer_is_the_recorded_one(
    oci_registry_factory: RegistryFactory,
) -> None:
    (recorded,) = [a for a in ANSWERS if a.name == "distribution-bad-credentials"]
    registry = oci_registry_factory({EMAIL: "right"})
    path = "/v2/naccdata/project-management/manifests/0.1.0"  # as recorded
    status, _, body = registry.answer("GET", path, EMAIL, "wrong")
    assert status == 401
    assert recorded.output.endswith(f"{path}: {_crane_rendering(body)}")
    status, _, body = registry.answer("GET", path, EMAIL, "right")
    assert status == 404 and json.loads(body)["errors"][0]["code"] == "MANIFEST_UNKNOWN"


def test_dev_installs_the_tools_these_tests_need() -> None:
    script = (Path(__file__).parents[3] / "dev").read_text()
    (listed,) = re.findall(r"^DEBIAN_TOOLS=\(([^)]*)\)$", script, re.MULTILINE)
    assert tuple(listed.split()) == REGISTRY_TOOLS
    assert "apt-get install" in script


def _run_ensure(tmp_path: Path, *, root: bool) -> tuple[str, str]:
    """dev's ensure_debian_tools alone, with an apt-get that only logs, and none of the tools."""
    script = (Path(__file__).parents[3] / "dev").read_text()
    (block,) = re.findall(r"^DEBIAN_TOOLS=.*?^}\n", script, re.MULTILINE | re.DOTALL)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(parents=True)
    log = tmp_path / "apt.log"
    (bin_dir / "apt-get").write_text(f'#!/bin/sh\necho "apt-get $*" >> "{log}"\n')
    (bin_dir / "apt-get").chmod(0o755)
    program = (
        'say() { printf "dev: %s\\n" "$*" >&2; }\n'
        f"{block}"
        f"is_root() {{ {'true' if root else 'false'}; }}\n"
        f'PATH="{bin_dir}"\n'
        "ensure_debian_tools\n"
    )
    bash = shutil.which("bash")
    assert bash is not None
    done = subprocess.run(
        [bash, "-euo", "pipefail", "-c", program], capture_output=True, text=True, check=True
    )
    return done.stderr, log.read_text() if log.exists() else ""


def test_dev_installs_missing_tools_as_root_and_names_them_otherwise(tmp_path: Path) -> None:
    said, apt = _run_ensure(tmp_path / "root", root=True)
    assert apt.splitlines() == [
        "apt-get update -qq",
        "apt-get install -y -qq --no-install-recommends docker-registry skopeo umoci",
    ]
    assert "installing docker-registry skopeo umoci" in said
    said, apt = _run_ensure(tmp_path / "user", root=False)
    assert apt == ""
    assert "sudo apt-get install docker-registry skopeo umoci" in said
