"""Gazelle's configuration, offline: its directives, the import roots, and what it cannot keep.

- every `# gazelle:NAME VALUE` comment names a directive the pinned Gazelle or Python plugin
  knows (gazelle_directives.py) with a value it accepts;
- `# gazelle:python_root` marks exactly the import roots (gear_layout: common/src/python,
  tools, each gear's src/python) when MODULE.bazel uses the plugin;
- a `gazelle` target's command, mode and external are values def.bzl accepts;
- a package whose py targets list files in a sub-folder without a BUILD file is marked
  `# gazelle:ignore`: Gazelle's package mode would drop those srcs (and write a BUILD file
  there unless the folder is excluded too);
- every other package is in the shape the plugin writes (check_gazelle_shape.py).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from buildcheck.check_gazelle_shape import package_shape_problems
from buildcheck.check_python import OWNED_ROOTS
from buildcheck.gazelle_directives import ACCEPTED_VALUES, KNOWN_DIRECTIVES, NEEDS_VALUE, NO_VALUE
from buildcheck.model import PY_KINDS, BuildGraph, Problem
from buildcheck.rule_stubs_gazelle import GAZELLE_VALUES
from gear_layout.gears import all_gears
from gear_layout.roots import SHARED_PYTHON_ROOTS

_DIRECTIVE = re.compile(r"^\s*#\s*gazelle:(\S+)[ \t]*(.*?)\s*$")
PLUGIN = "rules_python_gazelle_plugin"


@dataclass(frozen=True)
class Directive:
    """One `# gazelle:` comment of a BUILD file."""

    build_file: str
    line: int
    name: str
    value: str


def directives(graph: BuildGraph) -> list[Directive]:
    """Every `# gazelle:` directive in the repository's BUILD files."""
    found: list[Directive] = []
    for build_file in sorted(graph.packages.values()):
        text = (graph.root / build_file).read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), start=1):
            match = _DIRECTIVE.match(line)
            if match:
                found.append(Directive(build_file, number, match.group(1), match.group(2)))
    return found


def directive_problem(directive: Directive) -> str | None:
    """Why Gazelle would not take this directive, or None."""
    name, value = directive.name, directive.value
    if name not in KNOWN_DIRECTIVES:
        return f"`gazelle:{name}` is not a directive of gazelle 0.53.0 or its Python plugin 2.3.2"
    accepted = ACCEPTED_VALUES.get(name)
    if accepted is not None and value not in accepted:
        return f"`gazelle:{name}` takes one of {sorted(accepted)}, not {value!r}"
    if name in NO_VALUE and value:
        return f"`gazelle:{name}` takes no value (it applies to its folder)"
    if name in NEEDS_VALUE and not value:
        return f"`gazelle:{name}` needs a value"
    return None


def _uses_plugin(graph: BuildGraph) -> bool:
    return PLUGIN in {pin.split("@", 1)[0] for pin in graph.module.bazel_deps.values()}


def root_problems(graph: BuildGraph, found: list[Directive]) -> list[Problem]:
    """`# gazelle:python_root` exactly at the import roots."""
    marked = {posixpath.dirname(d.build_file) for d in found if d.name == "python_root"}
    roots = set(SHARED_PYTHON_ROOTS) | {
        gear.python_root.relative_to(graph.root).as_posix() for gear in all_gears(graph.root)
    }
    problems = [
        Problem(
            f"{root}/BUILD.bazel",
            "",
            "an import root: it needs a BUILD.bazel with `# gazelle:python_root`",
        )
        for root in sorted(roots - marked)
    ]
    problems += [
        Problem(
            f"{folder}/BUILD.bazel",
            "",
            "`gazelle:python_root` marks a folder that is not an "
            "import root (gear_layout.python_roots)",
        )
        for folder in sorted(marked - roots)
    ]
    return problems


def subfolder_problems(graph: BuildGraph, found: list[Directive]) -> list[Problem]:
    """Packages whose py srcs reach into a folder without a BUILD file must be ignored."""
    ignored = {d.build_file for d in found if d.name == "ignore"}
    problems: list[Problem] = []
    for target in graph.targets_of_kind(*PY_KINDS):
        if target.macro or target.build_file in ignored:
            continue
        for path in graph.source_files(target, "srcs"):
            folder = posixpath.dirname(path)
            if folder != target.package and graph.package_of(path) == target.package:
                problems.append(
                    Problem(
                        target.build_file,
                        target.label,
                        f"srcs has {path}, in a folder without a BUILD file: Gazelle would drop "
                        "it; mark the file `# gazelle:ignore` (and `# gazelle:exclude` the "
                        "folder) or give the folder its own BUILD file",
                    )
                )
                break
    return problems


def target_problems(graph: BuildGraph) -> list[Problem]:
    """A `gazelle` target's command, mode and external take the values def.bzl allows."""
    problems: list[Problem] = []
    for target in graph.targets_of_kind("gazelle"):
        for attr, accepted in GAZELLE_VALUES.items():
            value = target.attrs.get(attr)
            if value is not None and value not in accepted:
                problems.append(
                    Problem(
                        target.build_file,
                        target.label,
                        f"{attr} = {value!r}: gazelle 0.53.0 takes one of {sorted(accepted)}",
                    )
                )
    return problems


def shape_problems(graph: BuildGraph, found: list[Directive]) -> list[Problem]:
    """Packages Gazelle manages must already be in the shape it writes."""
    ignored = {d.build_file for d in found if d.name == "ignore"}
    ignored_files: dict[str, set[str]] = {}
    for d in found:
        if d.name == "python_ignore_files":
            ignored_files.setdefault(d.build_file, set()).update(d.value.split(","))
    problems: list[Problem] = []
    for package, build_file in sorted(graph.packages.items()):
        if build_file in ignored or package in graph.failed_packages:
            continue
        if package.split("/", 1)[0] in OWNED_ROOTS:
            problems += package_shape_problems(
                graph, package, build_file, ignored_files.get(build_file, set())
            )
    return problems


def gazelle_problems(graph: BuildGraph) -> list[Problem]:
    """Every problem with the Gazelle configuration of the repository."""
    found = directives(graph)
    problems = [
        Problem(d.build_file, "", f"line {d.line}: {message}")
        for d in found
        if (message := directive_problem(d))
    ]
    problems += target_problems(graph)
    if _uses_plugin(graph):
        problems += root_problems(graph, found)
        problems += subfolder_problems(graph, found)
        problems += shape_problems(graph, found)
    return problems
