"""A tiny correct repository for buildcheck's tests, written into a tmp dir with changes."""

from __future__ import annotations

import json
from pathlib import Path

from bcr_facts.record import CHECKED_IN, DEFAULT_PATH
from buildcheck import check

MODULE = """
module(name = "fixture")

bazel_dep(name = "platforms", version = "1.1.0")
bazel_dep(name = "rules_python", version = "2.3.2")
bazel_dep(name = "rules_oci", version = "2.3.0")

python = use_extension("@rules_python//python/extensions:python.bzl", "python")
python.toolchain(python_version = "3.10")

pip = use_extension("@rules_python//python/extensions:pip.bzl", "pip")
pip.parse(
    hub_name = "pip",
    python_version = "3.10",
    requirements_lock = "//:requirements_lock.txt",
)
use_repo(pip, "pip")

oci = use_extension("@rules_oci//oci:extensions.bzl", "oci")
oci.pull(
    name = "python_base",
    digest = "sha256:c4015e4e509b1aae50f742d32798ab65b8d08863305f61da5a0b0072d0070348",
    image = "index.docker.io/library/python",
    platforms = ["linux/amd64"],
)
use_repo(oci, "python_base", "python_base_linux_amd64")
"""

GEAR_BZL = """
load("@rules_oci//oci:defs.bzl", "oci_push")

def flywheel_gear(name, manifest, binary, image_tags, repository = None):
    repository = repository or "index.docker.io/fixture/" + name
    native.genrule(
        name = "manifest_check",
        srcs = [manifest],
        outs = ["_checked/manifest.json"],
        cmd = " ".join(
            [
                "check $(execpath %s)" % manifest,
                "--manifest $(execpath %s)" % manifest,
                "--name '%s'" % name,
                "--repository '%s'" % repository,
            ] + ["--tag '%s'" % tag for tag in image_tags] + ["--out $@"],
        ),
    )
    oci_push(
        name = "push",
        image = binary,
        repository = repository,
        remote_tags = image_tags,
    )
"""

MANIFEST = {
    "name": "demo-gear",
    "label": "Demo gear",
    "description": "A gear of the buildcheck fixture",
    "version": "0.1.0",
    "author": "NACC",
    "maintainer": "NACC",
    "license": "MIT",
    "source": "",
    "url": "",
    "command": "/bin/run",
    "custom": {"gear-builder": {"category": "utility", "image": "fixture/demo-gear:0.1.0"}},
    "inputs": {},
    "config": {},
}

LIB = "//gears/demo_gear/src/python/demo_gear_app:lib"
SHARED_BUILD = "common/src/python/shared_lib/BUILD.bazel"
SHARED = "//common/src/python/shared_lib:shared_lib"

BASE: dict[str, str] = {
    "MODULE.bazel": MODULE,
    "BUILD.bazel": 'exports_files(["requirements_lock.txt"])\n',
    "requirements_lock.txt": (
        "pytest==8.3.4 \\\n    --hash=sha256:aa\npyyaml==6.0.2 \\\n    --hash=sha256:bb\n"
    ),
    "common/src/python/shared_lib/BUILD.bazel": """
load("@rules_python//python:py_library.bzl", "py_library")

py_library(
    name = "shared_lib",
    srcs = ["__init__.py", "helpers.py"],
    imports = [".."],
    visibility = ["//visibility:public"],
    deps = ["@pip//pyyaml"],
)
""",
    "common/src/python/shared_lib/__init__.py": '"""Shared."""\n',
    "common/src/python/shared_lib/helpers.py": "import json\n\nimport yaml\n",
    "tools/bazel/BUILD.bazel": "",
    "tools/bazel/gear.bzl": GEAR_BZL,
    "tools/bazel/gears.bzl": 'GEARS = ["demo_gear"]\n',
    "gears/demo_gear/src/docker/BUILD.bazel": """
load("//tools/bazel:gear.bzl", "flywheel_gear")

flywheel_gear(
    name = "demo-gear",
    binary = "//gears/demo_gear/src/python/demo_gear_app:bin",
    image_tags = ["0.1.0", "latest"],
    manifest = "manifest.json",
)
""",
    "gears/demo_gear/src/docker/manifest.json": json.dumps(MANIFEST, indent=2),
    "gears/demo_gear/src/python/demo_gear_app/BUILD.bazel": """
load("@rules_python//python:py_binary.bzl", "py_binary")
load("@rules_python//python:py_library.bzl", "py_library")

py_library(
    name = "lib",
    srcs = glob(["*.py"], exclude = ["run.py"]),
    imports = [".."],
    visibility = ["//visibility:public"],
    deps = ["//common/src/python/shared_lib"],
)

py_binary(
    name = "bin",
    srcs = ["run.py"],
    main = "run.py",
    visibility = ["//visibility:public"],
    deps = [":lib"],
)
""",
    "gears/demo_gear/src/python/demo_gear_app/__init__.py": "",
    "gears/demo_gear/src/python/demo_gear_app/main.py": (
        "from shared_lib.helpers import yaml\n\nfrom . import __name__ as _name\n"
    ),
    "gears/demo_gear/src/python/demo_gear_app/run.py": "from demo_gear_app import main\n",
    "gears/demo_gear/test/python/BUILD.bazel": """
load("@rules_python//python:py_test.bzl", "py_test")

py_test(
    name = "test_main",
    srcs = ["test_main.py"],
    main = "test_main.py",
    deps = [
        "//gears/demo_gear/src/python/demo_gear_app:lib",
        "@pip//pytest",
    ],
)
""",
    "gears/demo_gear/test/python/test_main.py": "import pytest\n\nfrom demo_gear_app import main\n",
}


# What module resolution reads besides MODULE.bazel: the pinned Bazel and the registry record.
RESOLUTION: dict[str, str | None] = {
    ".bazelversion": "8.4.2\n",
    DEFAULT_PATH: CHECKED_IN.read_text(encoding="utf-8"),
}


def make_repo(root: Path, changes: dict[str, str | None] | None = None) -> Path:
    """Write the fixture repository with some files replaced (None deletes one)."""
    files: dict[str, str | None] = {**RESOLUTION, **BASE, **(changes or {})}
    for path, text in files.items():
        if text is None:
            continue
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root


def lines(root: Path) -> list[str]:
    return [str(problem) for problem in check(root)]


def replaced(path: str, old: str, new: str) -> dict[str, str | None]:
    text = BASE[path]
    assert old in text, f"fixture has no {old!r} in {path}"
    return {path: text.replace(old, new)}
