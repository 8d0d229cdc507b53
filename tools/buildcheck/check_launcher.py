"""The gear image's launcher: PID 1 must end as the gear's own Python, and ship alone.

rules_python 2.3.2's bootstrap (python/private/python_bootstrap_template.txt; the same in
stage1_bootstrap_template.sh) starts the program as a child process, which never receives the
container's SIGTERM, unless RULES_PYTHON_EXTRACT_ROOT is set; and its shebang
(`#!/usr/bin/env python3`) searches the job's PATH. So each flywheel_gear's launcher must set
RULES_PYTHON_EXTRACT_ROOT to an absolute folder and `exec` the bootstrap with an interpreter
given by absolute path; .bazelrc must pin the Python bootstrap that launcher runs; and the
launcher's layer must not pack the launcher's runfiles (`include_runfiles = False`); and the
image's structure test must assert both (no `<launcher>.runfiles`, the interpreter there).
See docs/image-launcher.md.
"""

from __future__ import annotations

import shlex
from pathlib import PurePosixPath
from typing import Any

import yaml

from buildcheck.check_gears import gear_macro_calls
from buildcheck.model import BuildGraph, MacroCall, Problem, Target
from buildcheck.resolve import resolve_source_files

EXTRACT_ROOT = "RULES_PYTHON_EXTRACT_ROOT"
BAZELRC = ".bazelrc"
BOOTSTRAP_FLAG = "@rules_python//python/config_settings:bootstrap_impl"
PYTHON_BOOTSTRAP = "system_python"  # python_bootstrap_template.txt: run by the launcher's python
# The versions whose bootstrap templates and tar macro docs/image-launcher.md was written from:
# another pin must be read again (the launcher may need to change) before this is updated.
READ_AT = {"rules_python": "2.3.2", "tar.bzl": "0.10.5"}
WHY = (
    "else rules_python's bootstrap runs the gear as a child process that never gets SIGTERM"
    " (docs/image-launcher.md)"
)


def launcher_text_problems(lines: list[str]) -> list[str]:
    """What is wrong with a launcher's lines (the write_file `content`)."""
    commands = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    problems = []
    if not lines or lines[0] != "#!/bin/sh":
        problems.append("must start with #!/bin/sh (an absolute shell, not one found on PATH)")
    exports = [c for c in commands if c.startswith(f"export {EXTRACT_ROOT}=")]
    root = exports[0].partition("=")[2] if exports else ""
    if not root.startswith("/"):
        problems.append(f"must `export {EXTRACT_ROOT}=/an/absolute/folder`, {WHY}")
    words = _exec_words(lines)
    if not (
        len(words) == 4
        and words[0] == "exec"
        and words[1].startswith("/")
        and words[2].startswith("/")
        and words[3] == "$@"
    ):
        problems.append(
            'must end with `exec /absolute/python /absolute/bootstrap "$@"` (the bootstrap run'
            f" by an absolute interpreter path, not its `#!/usr/bin/env` shebang), {WHY}"
        )
    return problems


def _made(graph: BuildGraph, call: MacroCall, kind: str) -> list[Target]:
    made = [graph.targets.get(label) for label in call.targets]
    return [target for target in made if target is not None and target.kind == kind]


def _names(labels: object) -> set[str]:
    if not isinstance(labels, list):
        return set()
    return {str(label).rpartition(":")[2] for label in labels}


def bootstrap_pin_problem(graph: BuildGraph) -> str | None:
    """None when .bazelrc pins the bootstrap the launcher runs with python, else the problem."""
    path = graph.root / BAZELRC
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    settings = [
        word.partition("=")[2]
        for line in text.splitlines()
        if not line.lstrip().startswith("#")
        for word in line.split()
        if word.startswith(f"--{BOOTSTRAP_FLAG}=")
    ]
    if settings == [PYTHON_BOOTSTRAP]:
        return None
    return (
        f"must set --{BOOTSTRAP_FLAG}={PYTHON_BOOTSTRAP} once: the gear launcher runs"
        " rules_python's bootstrap with python (tools/bazel/gear.bzl)"
    )


def _exec_words(lines: list[str]) -> list[str]:
    commands = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    try:
        return shlex.split(commands[-1]) if commands else []
    except ValueError:  # unbalanced quotes: not the exec line wanted
        return []


def _existence_tests(graph: BuildGraph, structure_test: Target) -> dict[str, Any]:
    """path -> shouldExist, from the fileExistenceTests of the test's configs."""
    found: dict[str, Any] = {}
    for path in resolve_source_files(graph, structure_test, "configs"):
        try:
            data = yaml.safe_load((graph.root / path).read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError):
            continue
        tests = data.get("fileExistenceTests") if isinstance(data, dict) else None
        for test in tests if isinstance(tests, list) else []:
            if isinstance(test, dict):
                found[str(test.get("path"))] = test.get("shouldExist")
    return found


def _structure_problems(
    graph: BuildGraph, call: MacroCall, wanted: dict[str, bool]
) -> list[Problem]:
    problems = []
    for structure_test in _made(graph, call, "container_structure_test"):
        found = _existence_tests(graph, structure_test)
        problems += [
            Problem(
                call.build_file,
                structure_test.label,
                f"its config must have a fileExistenceTest `path: {path}`, `shouldExist:"
                f" {str(exists).lower()}` (the launcher's layer and interpreter)",
            )
            for path, exists in wanted.items()
            if found.get(path) is not exists
        ]
    return problems


def _layer_problems(
    graph: BuildGraph, call: MacroCall, launcher: Target, run_name: str
) -> tuple[list[Problem], list[str]]:
    """Problems of the launcher's layers, and where they put the launcher (/usr/bin/run)."""
    problems, paths = [], []
    for layer in _made(graph, call, "tar"):
        if launcher.name not in _names(layer.attrs.get("srcs")):
            continue
        mutate = layer.attrs.get("mutate")
        folder = mutate.get("package_dir", "") if isinstance(mutate, dict) else ""
        paths.append(str(PurePosixPath("/", str(folder), run_name)))
        if layer.attrs.get("include_runfiles") is not False:
            problems.append(
                Problem(
                    call.build_file,
                    layer.label,
                    f"the launcher's layer must set include_runfiles = False, else it ships"
                    f" {run_name}.runfiles/ next to {run_name}",
                )
            )
    return problems, paths


def call_launcher_problems(graph: BuildGraph, call: MacroCall) -> list[Problem]:
    """The launcher of one flywheel_gear call: its text, its layer, the structure test."""
    problems: list[Problem] = []
    for image in _made(graph, call, "oci_image"):
        entrypoint = image.attrs.get("entrypoint")
        if not isinstance(entrypoint, list) or not entrypoint:
            continue
        run_name = PurePosixPath(str(entrypoint[0])).name
        launchers = [
            target
            for target in _made(graph, call, "write_file")
            if PurePosixPath(str(target.attrs.get("out", ""))).name == run_name
        ]
        if not launchers:
            problems.append(
                Problem(
                    call.build_file, image.label, f"no write_file makes the launcher {run_name}"
                )
            )
        for launcher in launchers:
            content = launcher.attrs.get("content")
            lines = [str(line) for line in content] if isinstance(content, list) else []
            text_problems = launcher_text_problems(lines)
            problems += [
                Problem(call.build_file, launcher.label, f"launcher {run_name}: {problem}")
                for problem in text_problems
            ]
            layer_problems, paths = _layer_problems(graph, call, launcher, run_name)
            problems += layer_problems
            wanted = {f"{path}.runfiles": False for path in paths}
            if not text_problems:
                wanted[_exec_words(lines)[1]] = True
            problems += _structure_problems(graph, call, wanted)
    return problems


def pin_problems(graph: BuildGraph) -> list[Problem]:
    """A problem for each READ_AT module pinned at another version in MODULE.bazel."""
    pinned = dict(dep.split("@", 1) for dep in graph.module.bazel_deps.values() if "@" in dep)
    return [
        Problem(
            "MODULE.bazel",
            "",
            f"{module} is pinned at {pinned[module]}, but the gear launcher was checked against"
            f" {module} {version}: read its bootstrap/tar code at the new tag, update"
            " tools/bazel/gear.bzl and docs/image-launcher.md, then READ_AT in"
            " tools/buildcheck/check_launcher.py",
        )
        for module, version in READ_AT.items()
        if module in pinned and pinned[module] != version
    ]


def launcher_problems(graph: BuildGraph) -> list[Problem]:
    """Every flywheel_gear call's launcher, and the bootstrap pin and versions it relies on."""
    problems: list[Problem] = []
    calls = [c for c in gear_macro_calls(graph) if c.package not in graph.failed_packages]
    for call in calls:
        problems += call_launcher_problems(graph, call)
    if any(_made(graph, call, "oci_image") for call in calls):
        pin = bootstrap_pin_problem(graph)
        if pin is not None:
            problems.append(Problem(BAZELRC, "", pin))
        problems += pin_problems(graph)
    return problems
