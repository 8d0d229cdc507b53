"""Resolving a label written in a package to a target, an output file or a source file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from buildcheck.labels import Label, LabelError, parse_label

if TYPE_CHECKING:
    from buildcheck.model import BuildGraph, Target


@dataclass(frozen=True)
class Resolution:
    """What a label names: kind is "target", "output", "file" or "external"; error if nothing."""

    label: Label | None
    kind: str = ""
    target: str = ""  # the target's label (for "target" and "output")
    path: str = ""  # the repository path (for "file" and "output")
    error: str = ""


def resolve(graph: BuildGraph, text: Any, package: str) -> Resolution:
    """Resolve `text` as written in `package`."""
    main = frozenset({graph.module.name} - {""})
    try:
        label = parse_label(text, package, main)
    except LabelError as error:
        return Resolution(None, error=str(error))
    if label.repo:
        return Resolution(label, kind="external", target=str(label))
    if label.package not in graph.packages:
        return Resolution(label, error=_no_package(graph, label))
    if label.package in graph.failed_packages:
        return Resolution(label, kind="unknown")  # already reported: its BUILD file failed
    return _resolve_in_package(graph, label)


def _no_package(graph: BuildGraph, label: Label) -> str:
    if label.path in graph.file_paths or (graph.root / label.path).exists():
        owner = graph.package_of(label.path)
        where = f"//{owner}" if owner is not None else "no package"
        return f"{label} names a file of {where}: write it as a label of that package"
    return f"no package //{label.package} (no BUILD.bazel there)"


def _resolve_in_package(graph: BuildGraph, label: Label) -> Resolution:
    canonical = str(label)
    if canonical in graph.targets:
        return Resolution(label, kind="target", target=canonical)
    owner = graph.output_owner.get(label.path)
    if owner is not None:
        return Resolution(label, kind="output", target=owner, path=label.path)
    if label.path in graph.file_paths:
        file_package = graph.package_of(label.path)
        if file_package != label.package:
            return Resolution(
                label,
                error=f"{label}: {label.path} belongs to package //{file_package}, "
                f"not //{label.package}",
            )
        return Resolution(label, kind="file", path=label.path)
    if (graph.root / label.path).is_dir():
        return Resolution(label, kind="file", path=label.path)
    return Resolution(label, error=f"no target or file {label.name!r} in //{label.package}")


def canonical_labels(graph: BuildGraph, target: Target, values: Any) -> list[str]:
    """The canonical labels of a label list (unresolvable ones dropped; externals as parsed)."""
    found: list[str] = []
    for value in values if isinstance(values, list) else [values]:
        resolution = resolve(graph, value, target.package)
        if resolution.target:
            found.append(resolution.target)
        elif resolution.label is not None and not resolution.error:
            found.append(str(resolution.label))
    return found


def resolve_source_files(graph: BuildGraph, target: Target, attr: str) -> list[str]:
    """The repository source files a label attribute names (through filegroups too)."""
    values = target.attrs.get(attr) or []
    files: list[str] = []
    for value in values if isinstance(values, list) else [values]:
        resolution = resolve(graph, value, target.package)
        if resolution.kind == "file":
            files.append(resolution.path)
        elif resolution.kind == "target":
            inner = graph.targets[resolution.target]
            if inner.kind == "filegroup" and inner is not target:
                files.extend(resolve_source_files(graph, inner, "srcs"))
    return files
