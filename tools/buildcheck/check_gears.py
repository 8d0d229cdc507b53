"""Gear invariants: folder and manifest names, unique app packages, the gear list, manifests."""

from __future__ import annotations

import itertools
import re
import shlex
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from buildcheck.model import BuildGraph, MacroCall, Problem
from buildcheck.resolve import resolve
from gear_layout import SHARED_PYTHON_ROOTS, folder_for, gear_in
from manifest_check.check import check_manifest
from manifest_rules import ManifestUnreadable, read_manifest

GEAR_MACRO = "flywheel_gear"
GEARS_BZL = "tools/bazel/gears.bzl"
MANIFEST_CHECK_TARGET = "manifest_check"
_EXECPATH = re.compile(r"\$\((?:execpath|location|rootpath)\s+([^)]+)\)")


@dataclass(frozen=True)
class GearFolder:
    """gears/<folder>/ and what its files say."""

    folder: str
    manifest_path: str  # repository-relative
    app_packages: tuple[str, ...]


def gear_folders(graph: BuildGraph) -> list[GearFolder]:
    """Every folder under gears/ with a src/ or manifest, sorted."""
    folders = sorted(
        {p.split("/")[1] for p in graph.files if p.startswith("gears/") and p.count("/") >= 2}
    )
    found: list[GearFolder] = []
    for folder in folders:
        gear = gear_in(Path(), folder)  # repository-relative paths, as graph.files holds them
        python_root = f"{gear.python_root.as_posix()}/"
        apps = sorted(
            {
                p[len(python_root) :].split("/")[0]
                for p in graph.files
                if p.startswith(python_root)
                and p.endswith("/__init__.py")
                and p[len(python_root) :].count("/") == 1
            }
        )
        found.append(GearFolder(folder, gear.manifest_path.as_posix(), tuple(apps)))
    return found


def _manifest_name(graph: BuildGraph, gear: GearFolder) -> tuple[str | None, str | None]:
    """(manifest name, problem)."""
    if gear.manifest_path not in graph.file_paths:
        return None, "missing: every gear folder needs src/docker/manifest.json"
    try:
        loaded = read_manifest(graph.root / gear.manifest_path)
    except ManifestUnreadable as error:
        return None, error.detail.removeprefix(", ").removeprefix(": ")
    name = loaded.get("name")
    if not isinstance(name, str) or not name:
        return None, "no `name`"
    return name, None


def gear_problems(graph: BuildGraph) -> list[Problem]:
    """Folder/manifest names, app packages and the gear list."""
    problems: list[Problem] = []
    gears = gear_folders(graph)
    apps: dict[str, list[str]] = defaultdict(list)
    for gear in gears:
        name, problem = _manifest_name(graph, gear)
        if problem:
            problems.append(Problem(gear.manifest_path, "", problem))
        elif name is not None and folder_for(name) != gear.folder:
            problems.append(
                Problem(
                    gear.manifest_path,
                    "",
                    f"manifest name {name!r} needs the folder gears/{folder_for(name)}/ "
                    f"(the folder is gears/{gear.folder}/)",
                )
            )
        if not gear.app_packages:
            problems.append(
                Problem(
                    f"gears/{gear.folder}/src/python",
                    "",
                    "no app package (a folder with __init__.py)",
                )
            )
        for app in gear.app_packages:
            apps[app].append(gear.folder)
    shared_roots = {name for root in SHARED_PYTHON_ROOTS for name in _top_level_names(graph, root)}
    for app, folders in sorted(apps.items()):
        if len(folders) > 1:
            problems.append(
                Problem(
                    f"gears/{folders[1]}/src/python/{app}",
                    "",
                    f"app package {app!r} is also the app package of gears/{folders[0]}: "
                    "app packages must be unique (use <folder>_app)",
                )
            )
        if app in shared_roots:
            problems.append(
                Problem(
                    f"gears/{folders[0]}/src/python/{app}",
                    "",
                    f"app package {app!r} shadows common/ or tools/",
                )
            )
    problems += _gear_list_problems(graph, [g.folder for g in gears])
    return problems


def _top_level_names(graph: BuildGraph, root: str) -> set[str]:
    prefix = root + "/"
    return {
        p[len(prefix) :].split("/")[0]
        for p in graph.files
        if p.startswith(prefix) and p.endswith("/__init__.py")
    }


def _gear_list_problems(graph: BuildGraph, folders: list[str]) -> list[Problem]:
    if graph.gear_list is None:
        if folders and GEARS_BZL not in graph.file_paths:
            return [Problem(GEARS_BZL, "", "missing: it must list every gear folder in GEARS")]
        return []
    problems = [
        Problem(
            GEARS_BZL,
            "//:push",
            f"GEARS lacks {folder!r} (gears/{folder}/ exists), so //:push and //:load skip it",
        )
        for folder in folders
        if folder not in graph.gear_list
    ]
    problems += [
        Problem(GEARS_BZL, "", f"GEARS names {folder!r}, but there is no gears/{folder}/")
        for folder in graph.gear_list
        if folder not in folders
    ]
    seen: set[str] = set()
    for folder in graph.gear_list:
        if folder in seen:
            problems.append(Problem(GEARS_BZL, "", f"GEARS names {folder!r} twice"))
        seen.add(folder)
    return problems


@dataclass(frozen=True)
class GearCall:
    """What a gear's BUILD file asks of its manifest (from the macro's manifest check genrule)."""

    manifest: str  # repository path
    name: str
    repository: str
    tags: list[str]


def gear_call(graph: BuildGraph, call: MacroCall) -> GearCall | str:
    """The arguments of a flywheel_gear call, read from the genrule it made; or a problem."""
    label = f"//{call.package}:{MANIFEST_CHECK_TARGET}"
    genrule = graph.targets.get(label)
    if genrule is None or label not in call.targets:
        return f"{GEAR_MACRO} made no :{MANIFEST_CHECK_TARGET} genrule"
    command = _EXECPATH.sub(lambda m: m.group(1), str(genrule.attrs.get("cmd", "")))
    try:
        words = shlex.split(command)
    except ValueError as error:
        return f":{MANIFEST_CHECK_TARGET} cmd cannot be read: {error}"
    values: dict[str, list[str]] = defaultdict(list)
    for flag, value in itertools.pairwise(words):
        if flag.startswith("--"):
            values[flag].append(value)
    manifest_text = values.get("--manifest", [""])[0]
    resolution = resolve(graph, manifest_text, call.package)
    if not resolution.path:
        reason = resolution.error or "not a file"
        return f":{MANIFEST_CHECK_TARGET} --manifest {manifest_text!r}: {reason}"
    missing = [f for f in ("--name", "--repository", "--tag") if not values.get(f)]
    if missing:
        return f":{MANIFEST_CHECK_TARGET} cmd lacks {', '.join(missing)}"
    return GearCall(
        manifest=resolution.path,
        name=values["--name"][0],
        repository=values["--repository"][0],
        tags=values["--tag"],
    )


def call_problems(graph: BuildGraph, call: MacroCall) -> list[Problem]:
    """One flywheel_gear call against its manifest (the check its genrule runs)."""
    found = gear_call(graph, call)
    if isinstance(found, str):
        return [Problem(call.build_file, call.label, found)]
    lines = check_manifest(graph.root / found.manifest, found.name, found.repository, found.tags)
    return [Problem(call.build_file, call.label, _relative(line, graph.root)) for line in lines]


def gear_macro_calls(graph: BuildGraph) -> list[MacroCall]:
    """Every flywheel_gear call."""
    return [c for c in graph.macro_calls if c.symbol == GEAR_MACRO]


def manifest_problems(graph: BuildGraph) -> list[Problem]:
    """Each flywheel_gear call against its manifest (the same check the genrule runs)."""
    problems: list[Problem] = []
    calls = gear_macro_calls(graph)
    for call in calls:
        if call.package in graph.failed_packages:
            continue  # its BUILD file's error is reported already
        problems += call_problems(graph, call)
    called = {c.package.split("/")[1] for c in calls if c.package.startswith("gears/")}
    for gear in gear_folders(graph):
        if gear.folder not in called:
            problems.append(
                Problem(
                    f"gears/{gear.folder}/src/docker/BUILD.bazel",
                    "",
                    f"no {GEAR_MACRO}(...) call for gears/{gear.folder}",
                )
            )
    return problems


def _relative(line: str, root: Path) -> str:
    return line.replace(str(root) + "/", "")
