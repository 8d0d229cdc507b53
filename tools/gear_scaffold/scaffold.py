"""Plan and create a new gear: every check and every file's text first, then one move into place."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from atomic_files import write_text_atomically
from gear_release.build_file import BuildFileError, gear_registry, macro_repository, read_call
from gear_scaffold import render
from gear_scaffold.gear_list import GearListError, with_gear
from gear_scaffold.names import GearNames, ScaffoldError, check_free, check_inputs, check_name
from manifest_check.agreement import mismatches, short_repository
from manifest_rules import manifest_problems

FIRST_VERSION = "0.1.0"
GEARS_BZL = Path("tools/bazel/gears.bzl")
REGISTRY_BZL = Path("tools/bazel/registry.bzl")


def _registry(root: Path) -> str:
    """GEAR_REGISTRY, the default registry of the gear macro."""
    try:
        return gear_registry((root / REGISTRY_BZL).read_text(encoding="utf-8"))
    except OSError as error:
        raise ScaffoldError(f"{REGISTRY_BZL}: cannot read ({error.strerror})") from None
    except BuildFileError as error:
        raise ScaffoldError(str(error)) from None


def plan_gear(
    root: Path,
    name: str,
    *,
    gear_bot: bool = False,
    inputs: Sequence[str] = (),
    today: date | None = None,
) -> tuple[GearNames, dict[str, str]]:
    """The gear's names and files (path under gears/<folder>/ -> text); ScaffoldError if refused."""
    names = check_name(name)
    check_free(root, names)
    file_inputs = check_inputs(inputs)
    input_names = [file_input.name for file_input in file_inputs]
    registry = _registry(root)
    values = {
        "name": names.name,
        "folder": names.folder,
        "app": names.app,
        "label": names.label,
        "version": FIRST_VERSION,
        "today": (today or date.today()).isoformat(),
        "imports": render.run_imports(names.app),
        "test_imports": render.test_imports(names.app, gear_bot=gear_bot),
        "gear_bot_test": render.gear_bot_test(gear_bot),
        "run_arguments": render.run_arguments(input_names),
        "main_parameters": render.main_parameters(input_names),
        "input_files": render.input_files_literal(input_names),
    }
    # The manifest's image is the one the rendered BUILD file's flywheel_gear call pushes.
    docker_build = render.render("BUILD.docker.tmpl", values)
    call = read_call(docker_build)
    repository = macro_repository(call, registry)
    values["image"] = f"{short_repository(repository)}:{call.image_tags[0]}"
    app = f"src/python/{names.app}"
    files = {
        "src/docker/BUILD.bazel": docker_build,
        "src/docker/manifest.json": render.manifest_text(values, file_inputs, gear_bot=gear_bot),
        "src/python/BUILD.bazel": render.render("BUILD.root.tmpl", values),
        f"{app}/BUILD.bazel": render.render("BUILD.app.tmpl", values),
        f"{app}/__init__.py": render.render("__init__.py.tmpl", values),
        f"{app}/run.py": render.render("run.py.tmpl", values),
        f"{app}/main.py": render.render("main.py.tmpl", values),
        "test/python/BUILD.bazel": render.render("BUILD.test.tmpl", values),
        f"test/python/test_{names.app}.py": render.render("test_app.py.tmpl", values),
        "data/BUILD.bazel": render.render("BUILD.data.tmpl", values),
        "data/standin-seed.yaml": render.render("standin-seed.yaml.tmpl", values),
        "CHANGELOG.md": render.render("CHANGELOG.md.tmpl", values),
    }
    for file_input in file_inputs:
        files[f"data/{file_input.example_file}"] = render.example_input_text(file_input, names.name)
    manifest = json.loads(files["src/docker/manifest.json"])
    problems = [str(problem) for problem in manifest_problems(manifest)]
    problems += [
        m.field
        for m in mismatches(manifest, name=call.name, repository=repository, tags=call.image_tags)
    ]
    if problems:
        raise ScaffoldError(f"bug: the new manifest fails the manifest check: {problems}")
    return names, files


def _write_tree(base: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        path = base / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def create_gear(
    root: Path,
    name: str,
    *,
    gear_bot: bool = False,
    inputs: Sequence[str] = (),
    today: date | None = None,
) -> Path:
    """Create gears/<folder>/ and add it to GEARS; the folder. Nothing is written if refused."""
    names, files = plan_gear(root, name, gear_bot=gear_bot, inputs=inputs, today=today)
    gears_bzl = root / GEARS_BZL
    try:
        new_gear_list = with_gear(gears_bzl.read_text(encoding="utf-8"), names.folder)
    except (OSError, GearListError) as error:
        raise ScaffoldError(f"{GEARS_BZL}: {error}") from None
    target = root / "gears" / names.folder
    target.parent.mkdir(exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".new-{names.folder}-"))
    try:
        staging.chmod(0o755)  # mkdtemp makes it private; a gear folder is an ordinary one
        _write_tree(staging, files)
        staging.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    try:
        write_text_atomically(gears_bzl, new_gear_list)
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    return target
