"""gazelle_python.yaml from the lock: its text, and `./dev deps` keeping it current."""

from __future__ import annotations

import io
from pathlib import Path

from build_deps import manifest
from build_deps.cli import run
from buildcheck.tests.fixture_repo import MODULE, make_repo

WITH_PLUGIN = MODULE + (
    'bazel_dep(name = "rules_python_gazelle_plugin", version = "2.3.2", dev_dependency = True)\n'
)


def test_render_maps_locked_top_level_modules() -> None:
    modules = {
        "yaml": frozenset({"pyyaml"}),
        "_yaml": frozenset({"pyyaml"}),
        "attr": frozenset({"attrs"}),
        "starlark": frozenset({"starlark_pyo3"}),
    }
    text = manifest.render(frozenset({"pyyaml", "attrs"}), modules, "pip")
    body = text.split("manifest:", 1)[1]
    assert body == (
        "\n  modules_mapping:\n    attr: attrs\n    yaml: pyyaml\n"
        "  pip_repository:\n    name: pip\n"
    )


def test_deps_writes_and_checks_the_manifest(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {"MODULE.bazel": WITH_PLUGIN})
    out = io.StringIO()
    assert run(root, [], False, out) == 1
    assert "gazelle_python.yaml: stale for requirements_lock.txt" in out.getvalue()
    assert run(root, [], True, io.StringIO()) == 0
    text = (root / "gazelle_python.yaml").read_text()
    assert "    yaml: pyyaml\n" in text and "    pytest: pytest\n" in text
    assert run(root, [], False, io.StringIO()) == 0
    (root / "requirements_lock.txt").write_text("pytest==8.3.4 \\\n    --hash=sha256:aa\n")
    assert run(root, [], False, io.StringIO()) == 1  # the lock moved: stale again


def test_no_manifest_without_the_plugin(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    assert run(root, [], False, io.StringIO()) == 0
    assert not (root / "gazelle_python.yaml").exists()
