"""What goes into a gear's image: the paths whose change means the gear must be released again.

- the gear's own src/ (its manifest, BUILD file and app package; not its tests, data or CHANGELOG),
- every first-party package its binary depends on, directly or not (from the build graph),
- what every image is built with: the lock, MODULE.bazel (and its lock), .bazelrc,
  .bazelversion, and of tools/bazel/ the gear macro, the registry and the platform.

Not inputs: tools/bazel/gears.bzl (the gear list: `./dev new-gear` adds to it, and that must not
make every gear "changed"), structure_test.yaml (a test of the image, not its content) and
crane.bzl (pushing only).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from buildcheck import BuildGraph, load_graph
from buildcheck.check_gears import gear_macro_calls

SHARED_INPUTS = (
    "requirements_lock.txt",
    "MODULE.bazel",
    "MODULE.bazel.lock",
    ".bazelrc",
    ".bazelversion",
    "tools/bazel/gear.bzl",
    "tools/bazel/registry.bzl",
    "tools/bazel/BUILD.bazel",
)


class DependencySource(Protocol):
    """Which first-party packages a gear's image is built from."""

    def packages_of(self, gear_folder: str) -> set[str]:
        """Repository-relative package folders (e.g. `common/src/python/gear_runner`)."""


class GraphDependencies:
    """DependencySource from the build graph (`buildcheck.load_graph`): the binary's deps."""

    def __init__(self, graph: BuildGraph) -> None:
        self._graph = graph

    @classmethod
    def from_root(cls, root: Path) -> GraphDependencies:
        """Evaluate the repository's Bazel files (a second or so)."""
        return cls(load_graph(root))

    def packages_of(self, gear_folder: str) -> set[str]:
        """The packages of the gear binary and of everything it depends on."""
        package = f"gears/{gear_folder}/src/docker"
        binaries = [
            str(call.kwargs["binary"])
            for call in gear_macro_calls(self._graph)
            if call.package == package
        ]
        labels = {label for binary in binaries for label in self._graph.transitive_deps(binary)}
        labels.update(binaries)
        return {label[2:].split(":")[0] for label in labels if label.startswith("//")}


def image_input_prefixes(gear_folder: str, dependencies: DependencySource) -> list[str]:
    """Path prefixes (folders end in `/`) whose change changes the gear's image."""
    own = f"gears/{gear_folder}/src/"
    packages = sorted(f"{p}/" for p in dependencies.packages_of(gear_folder))
    return [own, *(p for p in packages if not p.startswith(own)), *SHARED_INPUTS]


def touching(prefixes: Iterable[str], files: Iterable[str]) -> list[str]:
    """The files under any of the prefixes (a prefix without `/` is one exact file)."""
    chosen = list(prefixes)
    return sorted(
        path
        for path in files
        if any(path == p or (p.endswith("/") and path.startswith(p)) for p in chosen)
    )
