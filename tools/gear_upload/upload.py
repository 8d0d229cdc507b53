"""One upload, in order: ask the site, stop if it has this version, prepare, push, register."""

from __future__ import annotations

from typing import TextIO

from gear_upload.auth_file import registry_login
from gear_upload.errors import UploadError
from gear_upload.plan import UploadPlan
from gear_upload.pushers import Pusher
from gear_upload.site import Site


def registry_password(site: Site) -> str:
    """`<host>:<secret>` from the key (its first and last fields), as Flywheel's CLI logs in."""
    return f"{site.key.text.split(':')[0]}:{site.key.secret}"


def upload(plan: UploadPlan, site: Site, push: Pusher, *, dry_run: bool, out: TextIO) -> int:
    """Upload the plan's gear; 0 when the site has it (now or already). UploadError otherwise."""
    same = [g for g in site.versions(plan.name) if g.version == plan.version]
    for gear in same:
        if gear.rootfs_hash == plan.image.config_digest:
            print(
                f"{plan.name} {plan.version} is already on the site (gear {gear.id}, same"
                f" image {plan.image.config_digest}); nothing pushed",
                file=out,
            )
            return 0
    if same:
        raise UploadError(
            f"{plan.name} {plan.version} is already on the site with another image"
            f" (rootfs-hash {same[0].rootfs_hash}, this image {plan.image.config_digest});"
            " nothing pushed: bump the version (./dev bump)"
        )
    if dry_run:
        for line in plan.describe():
            print(f"dry run: {line}", file=out)
        print("dry run: nothing pushed or registered", file=out)
        return 0
    email = site.email()
    ticket = site.prepare(plan.gear_document())
    print(f"pushing {plan.reference} as {email} ...", file=out, flush=True)
    with registry_login(plan.registry, email, registry_password(site)) as auth_dir:
        digest = push(plan, auth_dir)
    print(f"pushed {plan.reference} ({digest}); registering ...", file=out, flush=True)
    try:
        gear_id = site.save(ticket, plan.name, digest)
    except UploadError as error:
        raise UploadError(
            f"pushed {plan.reference} ({digest}), but registering it failed: {error};"
            " run the same upload again to finish (the registry keeps the pushed image)"
        ) from None
    print(f"uploaded {plan.name} {plan.version}: gear {gear_id}, image {digest}", file=out)
    return 0
