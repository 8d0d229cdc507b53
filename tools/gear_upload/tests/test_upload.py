"""The upload's rules without a registry: crane's argv (through a shim), exit 2 before any
request, a failure after the push, and the auth file's life (removed even on SIGTERM)."""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from flywheel_standin import Fault, StandIn
from gear_upload.auth_file import AUTH_FILE, registry_login
from gear_upload.cli import add_arguments, run_upload

MANIFEST_PATH = Path(__file__).parent / "data/manifest.json"
MANIFEST = json.loads(MANIFEST_PATH.read_text())
SECRET = "Zq9-unit-secret-4a1"
PUSHED = "sha256:" + "d" * 64
REGISTRY = "127.0.0.1:5999"


def write_blob(layout: Path, data: dict[str, object]) -> str:
    raw = json.dumps(data).encode()
    digest = hashlib.sha256(raw).hexdigest()
    (layout / "blobs/sha256").mkdir(parents=True, exist_ok=True)
    (layout / "blobs/sha256" / digest).write_bytes(raw)
    return f"sha256:{digest}"


def layout_of(tmp_path: Path, labels: dict[str, str] | None = None, name: str = "layout") -> Path:
    """A minimal OCI layout: index -> manifest -> config (with optional labels)."""
    layout = tmp_path / name
    config = write_blob(layout, {"config": {"Labels": labels or {}}, "rootfs": {}})
    manifest = write_blob(layout, {"schemaVersion": 2, "config": {"digest": config}, "layers": []})
    (layout / "index.json").write_text(json.dumps({"manifests": [{"digest": manifest}]}))
    return layout


def crane_shim(tmp_path: Path) -> Path:
    """A crane that logs argv and the auth file it finds in $DOCKER_CONFIG, then 'pushes'."""
    log = tmp_path / "crane.log"
    script = tmp_path / "crane"
    script.write_text(
        "#!/bin/sh\n"
        f'for arg; do echo "$arg" >> "{log}"; done\n'
        f'echo "config=$(stat -c %a "$DOCKER_CONFIG/{AUTH_FILE}")" >> "{log}"\n'
        f'echo "dir=$DOCKER_CONFIG" >> "{log}"\n'
        'for arg; do last="$arg"; done\n'
        f'echo "{REGISTRY}/upload-demo@{PUSHED}" > "$last"\n'
    )
    script.chmod(0o755)
    return script


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    return parser.parse_args(list(argv))


def run(
    standin: StandIn, tmp_path: Path, *argv: str, manifest: Path = MANIFEST_PATH
) -> tuple[int, str, str]:
    key_file = tmp_path / "key"
    key_file.write_text(standin.api_key(SECRET))
    out, err = io.StringIO(), io.StringIO()
    args = parse("--api-key-file", str(key_file), *argv)
    code = run_upload(manifest, args, {"PATH": os.environ["PATH"]}, out, err)
    return code, out.getvalue(), err.getvalue()


def test_crane_push_argv_login_and_pointer(standin: StandIn, tmp_path: Path) -> None:
    crane = crane_shim(tmp_path)
    layout = layout_of(tmp_path)
    code, out, err = run(
        standin, tmp_path, "--oci-layout", str(layout), "--crane", str(crane),
        "--site-registry", REGISTRY, "--insecure",
    )  # fmt: skip
    assert code == 0, err
    lines = (tmp_path / "crane.log").read_text().splitlines()
    auth_dir = Path(lines[-1].removeprefix("dir="))
    reference = f"{REGISTRY}/upload-demo:{MANIFEST['version']}"
    assert lines[:-2] == [
        "push", "--insecure", str(layout), reference, "--image-refs", str(auth_dir / "image-refs"),
    ]  # fmt: skip
    assert lines[-2] == "config=600"
    assert not auth_dir.exists()
    (save,) = [r.body for r in standin.writes() if r.path == "/api/gears/save"]
    assert save["pointer"] == PUSHED and save["repo"] == "upload-demo"
    assert SECRET not in out + err and all(SECRET not in line for line in lines)


def test_registry_login_file(tmp_path: Path) -> None:
    with registry_login("h:1", "user@x.org", "h:secret") as directory:
        auth = directory / AUTH_FILE
        assert stat.S_IMODE(directory.stat().st_mode) == 0o700
        assert stat.S_IMODE(auth.stat().st_mode) == 0o600
        assert set(json.loads(auth.read_text())["auths"]) == {"h:1"}
    assert not directory.exists()


def test_registry_login_is_removed_on_sigterm(tmp_path: Path) -> None:
    program = (
        "import sys\n"
        "from gear_upload.auth_file import registry_login\n"
        "with registry_login('h', 'u', 'p') as d:\n"
        "    print(d, flush=True)\n"
        "    sys.stdin.readline()\n"
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    process = subprocess.Popen(
        [sys.executable, "-c", program],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    directory = Path(process.stdout.readline().strip())
    assert (directory / AUTH_FILE).is_file()
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == 128 + signal.SIGTERM
    assert not directory.exists()


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda m: m.pop("version"), "'version' is a required property"),
        (lambda m: m["custom"]["gear-builder"].update(category="misc"), "category must be one of"),
    ],
)
def test_a_bad_manifest_exits_2_before_any_request(
    standin: StandIn, tmp_path: Path, change: object, problem: str
) -> None:
    manifest = json.loads(MANIFEST_PATH.read_text())
    change(manifest)  # type: ignore[operator]
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps(manifest))
    code, _, err = run(standin, tmp_path, "--oci-layout", str(layout_of(tmp_path)), manifest=path)
    assert code == 2
    assert len(err.splitlines()) == 1 and problem in err
    assert standin.requests == []


def test_bad_layouts_and_keys_exit_2_before_any_request(standin: StandIn, tmp_path: Path) -> None:
    code, _, err = run(standin, tmp_path, "--oci-layout", str(tmp_path / "none"))
    assert code == 2 and "index.json: missing" in err
    labelled = layout_of(tmp_path, {"org.opencontainers.image.version": "9.9.9"}, "other")
    code, _, err = run(standin, tmp_path, "--oci-layout", str(labelled))
    assert code == 2 and "org.opencontainers.image.version is '9.9.9'" in err
    args = parse("--oci-layout", str(layout_of(tmp_path, name="l2")))
    err_io = io.StringIO()
    assert run_upload(MANIFEST_PATH, args, {}, io.StringIO(), err_io) == 2
    assert "needs a Flywheel API key" in err_io.getvalue()
    assert standin.requests == []


def test_a_failure_after_the_push_says_what_was_pushed(standin: StandIn, tmp_path: Path) -> None:
    standin.add_fault(Fault("POST", "/api/gears/save", status=500))
    code, _, err = run(
        standin, tmp_path, "--oci-layout", str(layout_of(tmp_path)),
        "--crane", str(crane_shim(tmp_path)), "--site-registry", REGISTRY,
    )  # fmt: skip
    assert code == 1
    (line,) = err.splitlines()
    assert f"pushed {REGISTRY}/upload-demo:{MANIFEST['version']} ({PUSHED})" in line
    assert "registering it failed" in line and "run the same upload again" in line
    assert "HTTP 500" in line
