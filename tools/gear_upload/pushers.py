"""Push the OCI layout to the site's registry with crane (rules_oci's) or skopeo (Debian's).

Both read the login from the private auth directory (auth_file.py), never from argv, and both
report the digest the registry stored: skopeo with `--digestfile`, crane with `--image-refs`
(as rules_oci 2.3.0's push.sh.tpl uses it with crane v0.18.0).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from gear_upload.auth_file import AUTH_FILE
from gear_upload.errors import INVALID, UploadError
from gear_upload.plan import UploadPlan
from safe_push.remote import last_line
from user_key import KEY_ENV

_DIGEST = re.compile(r"sha256:[0-9a-f]{64}")
# Pushes the plan's image with the login in the auth directory; the pushed manifest's digest.
Pusher = Callable[[UploadPlan, Path], str]


@dataclass(frozen=True)
class PushCommand:
    """One push: the command line, extra environment, and the file the digest is read from."""

    argv: list[str]
    env: dict[str, str]
    digest_file: Path


def skopeo_command(plan: UploadPlan, auth_dir: Path, *, insecure: bool) -> PushCommand:
    """`skopeo copy` from the layout to `docker://<reference>`."""
    digest_file = auth_dir / "digest"
    tls = ["--dest-tls-verify=false"] if insecure else []
    argv = ["skopeo", "copy", "--quiet", "--dest-authfile", str(auth_dir / AUTH_FILE), *tls]
    argv += ["--digestfile", str(digest_file)]
    argv += [f"oci:{plan.image.layout}", f"docker://{plan.reference}"]
    return PushCommand(argv, {}, digest_file)


def crane_command(crane: Path, plan: UploadPlan, auth_dir: Path, *, insecure: bool) -> PushCommand:
    """`crane push` of the layout to the reference, as rules_oci's push script runs it."""
    refs = auth_dir / "image-refs"
    flags = ["--insecure"] if insecure else []
    argv = [str(crane), "push", *flags, str(plan.image.layout), plan.reference]
    return PushCommand([*argv, "--image-refs", str(refs)], {"DOCKER_CONFIG": str(auth_dir)}, refs)


def run_push(command: PushCommand, environ: Mapping[str, str], secrets: list[str]) -> str:
    """Run the push; the digest it reports. UploadError with one line (secrets masked)."""

    def masked(text: str) -> str:
        for secret in secrets:
            text = text.replace(secret, "***")
        return text

    try:
        done = subprocess.run(
            command.argv,
            env={**{k: v for k, v in environ.items() if k != KEY_ENV}, **command.env},
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError as error:
        raise UploadError(f"cannot run {command.argv[0]}: {error.strerror}") from None
    if done.returncode != 0:
        output = masked(f"{done.stdout}\n{done.stderr}")
        raise UploadError(f"push failed ({command.argv[0]}): {last_line(output)}")
    try:
        found = _DIGEST.search(command.digest_file.read_text(encoding="utf-8"))
    except OSError:
        found = None
    if found is None:
        raise UploadError(f"{command.argv[0]} pushed, but reported no digest")
    return found.group(0)


def make_pusher(
    crane: Path | None, environ: Mapping[str, str], *, insecure: bool, secrets: list[str]
) -> Pusher:
    """crane when given, else skopeo from PATH (exit 2 when neither can be found)."""
    if crane is not None and not crane.is_file():
        raise UploadError(f"--crane {crane}: no such file", INVALID)
    if crane is None and shutil.which("skopeo", path=environ.get("PATH")) is None:
        raise UploadError(
            "skopeo is not on PATH: install it (apt-get install skopeo) or give --crane PATH",
            INVALID,
        )

    def push(plan: UploadPlan, auth_dir: Path) -> str:
        if crane is not None:
            command = crane_command(crane, plan, auth_dir, insecure=insecure)
        else:
            command = skopeo_command(plan, auth_dir, insecure=insecure)
        return run_push(command, environ, secrets)

    return push
