"""Small registries in the BCR's layout, written to a tmp dir and served on 127.0.0.1:0."""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from bcr_facts.record import Record


def module_text(
    name: str,
    version: str,
    deps: Sequence[str] = (),
    *,
    level: int = 0,
    bazel_compatibility: Sequence[str] = (),
    dev_deps: Sequence[str] = (),
) -> str:
    """A registry MODULE.bazel; deps are "name@version" (dev_deps marked dev_dependency)."""
    lines = [
        "module(",
        f'    name = "{name}",',
        f'    version = "{version}",',
        f"    compatibility_level = {level},",
        f"    bazel_compatibility = {json.dumps(list(bazel_compatibility))},",
        ")",
        # Calls resolution ignores must not get in the way.
        'ext = use_extension("//:ext.bzl", "ext")',
        'ext.thing(name = "x")',
        'use_repo(ext, "x")',
        'register_toolchains("@x//:all")',
    ]
    for dep in deps:
        dep_name, dep_version = dep.split("@")
        lines.append(f'bazel_dep(name = "{dep_name}", version = "{dep_version}")')
    for dep in dev_deps:
        dep_name, dep_version = dep.split("@")
        lines.append(
            f'bazel_dep(name = "{dep_name}", version = "{dep_version}", dev_dependency = True)'
        )
    return "\n".join(lines) + "\n"


def write_registry(
    root: Path,
    files: dict[str, dict[str, str]],
    yanked: dict[str, dict[str, str]] | None = None,
) -> Path:
    """files: module -> version -> MODULE.bazel text; metadata.json lists those versions."""
    for name, versions in files.items():
        folder = root / "modules" / name
        folder.mkdir(parents=True, exist_ok=True)
        meta: dict[str, Any] = {
            "versions": list(versions),
            "yanked_versions": (yanked or {}).get(name, {}),
        }
        (folder / "metadata.json").write_text(json.dumps(meta), encoding="utf-8")
        for version, text in versions.items():
            (folder / version).mkdir(exist_ok=True)
            (folder / version / "MODULE.bazel").write_text(text, encoding="utf-8")
    return root


def registry_from_record(root: Path, record: Record) -> Path:
    """A registry that serves exactly the facts of `record` (for round-trip tests)."""
    files: dict[str, dict[str, str]] = {}
    for name, facts in record.modules.items():
        files[name] = {}
        for version in facts.versions:
            visited = facts.visited.get(version)
            if visited is None:
                files[name][version] = module_text(name, version)
                continue
            text = module_text(
                name,
                version,
                level=visited.compatibility_level,
                bazel_compatibility=visited.bazel_compatibility,
            )
            for dep in visited.deps:
                limit = dep.max_compatibility_level
                extra = f", max_compatibility_level = {limit}" if limit != -1 else ""
                text += f'bazel_dep(name = "{dep.name}", version = "{dep.version}"{extra})\n'
            files[name][version] = text
    return write_registry(root, files, {n: f.yanked for n, f in record.modules.items()})


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        del format, args


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve `root` over HTTP on 127.0.0.1 (a free port); yield its URL."""
    handler = functools.partial(_Quiet, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def stopped_server_url() -> str:
    """The URL of a port that was just served and is closed now (nothing listens)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Quiet)
    port = server.server_address[1]
    server.server_close()
    return f"http://127.0.0.1:{port}"
