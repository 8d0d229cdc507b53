"""The docs tell the truth: every `./dev` command they show parses with the real `./dev` parser,
the quick read-only ones run successfully, and every `//label` they name is in the build graph.

Commands only parsed, never run, are listed with the reason in docs_check.check.PARSE_ONLY.
"""

from __future__ import annotations

import pytest

from buildcheck.graph import load_graph
from buildcheck.model import BuildGraph
from dev_cli.main import build_parser, load_commands
from docs_check.check import command_problem, label_problem, run_command, runnable, unclassified
from docs_check.extract import DocCommand, DocLabel, dev_commands, labels
from gear_pytest.source_tree import source_tree

ROOT = source_tree(__file__)
DOCS = sorted((ROOT / "docs").rglob("*.md")) + [p for p in [ROOT / "README.md"] if p.is_file()]


def documented_commands() -> list[DocCommand]:
    return [c for doc in DOCS for c in dev_commands(doc.read_text(), str(doc.relative_to(ROOT)))]


def documented_labels() -> list[DocLabel]:
    return [x for doc in DOCS for x in labels(doc.read_text(), str(doc.relative_to(ROOT)))]


@pytest.fixture(scope="module")
def graph() -> BuildGraph:
    return load_graph(ROOT)


def test_the_docs_exist_and_show_commands_and_labels() -> None:
    names = {doc.name for doc in DOCS}
    for page in ("layout.md", "writing-a-gear.md", "api-keys.md", "releasing.md"):
        assert page in names
    assert {"offline-gate.md", "standin.md"} <= names
    assert len(documented_commands()) > 10
    assert len(documented_labels()) > 5


def test_every_command_parses() -> None:
    parser = build_parser(load_commands())
    problems = [p for c in documented_commands() if (p := command_problem(c, parser))]
    assert problems == []


def test_every_subcommand_is_run_or_knowingly_skipped() -> None:
    assert unclassified(documented_commands()) == []


def test_quick_commands_succeed() -> None:
    commands = runnable(documented_commands())
    assert commands, "the docs show no command this test can run"
    problems = [p for c in commands if (p := run_command(c, ROOT))]
    assert problems == []


def test_label_check_tells_real_from_wrong(graph: BuildGraph) -> None:
    def problem(label: str) -> str | None:
        return label_problem(DocLabel("x.md:1", label), graph)

    for real in (
        "//gears/project_management/src/docker:push",
        "//gears/<folder>/src/docker:manifest_test",
        "//gears/<folder>/src/docker",
        "//gears/<folder>/...",
        "//tools/safe_push",
        "//:push",
        "//:requirements_lock.txt",
        "//visibility:public",
    ):
        assert problem(real) is None, real
    for wrong in ("//gears/project_management/src/docker:pull", "//nope/...", "//tools/nope"):
        assert problem(wrong) is not None, wrong


def test_a_failing_command_is_reported() -> None:
    (command,) = dev_commands("```\n./dev usage no_such_gear\n```\n", "x.md")
    assert "x.md:2: `./dev usage no_such_gear` exited" in str(run_command(command, ROOT))


def test_every_label_exists(graph: BuildGraph) -> None:
    problems = [p for x in documented_labels() if (p := label_problem(x, graph))]
    assert problems == []


def test_the_readme_links_the_index_and_every_page() -> None:
    readme = (ROOT / "README.md").read_text()
    index = (ROOT / "docs" / "README.md").read_text()
    pages = sorted(p.name for p in (ROOT / "docs").glob("*.md") if p.name != "README.md")
    assert "(docs/README.md)" in readme
    assert [p for p in pages if f"(docs/{p})" not in readme] == []
    assert [p for p in pages if f"({p})" not in index] == []
    common_pages = sorted(p.name for p in (ROOT / "docs" / "common").glob("*.md"))
    assert common_pages, "docs/common/ has a page per shared package"
    assert [p for p in common_pages if f"(common/{p})" not in index] == []


def test_every_shared_package_has_its_page() -> None:
    packages = sorted(
        p.parent.name for p in (ROOT / "common" / "src" / "python").glob("*/__init__.py")
    )
    assert "flywheel_access" in packages
    pages = {p.stem for p in (ROOT / "docs" / "common").glob("*.md")}
    assert [p for p in packages if p not in pages] == []
    index = (ROOT / "docs" / "README.md").read_text()
    first = index.index("(common/")
    assert index[first:].startswith("(common/flywheel_access.md)"), "flywheel_access first"
