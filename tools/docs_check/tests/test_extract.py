"""Extraction of `./dev` commands and labels from Markdown, and the checks on small examples."""

from __future__ import annotations

import argparse

from docs_check.check import command_problem, parse_problem, runnable, unclassified
from docs_check.extract import dev_commands, labels

DOC = """\
Run `./dev test` first, then `./dev check-manifest --manifest m.json`.

```bash
$ ./dev bump GEAR 0.2.0   # placeholders are parsed, never run
./dev usage \\
    project_management
bazel run //gears/project_management/src/docker:push -- -t nightly
```

See https://example.org//not/a/label, `@pip//pytest` and `//gears/<folder>/src/docker:push`.
Everything: `bazel test //...` and //tools/bazel.
"""


def test_commands_from_code_blocks_and_inline_code() -> None:
    commands = dev_commands(DOC, "doc.md")
    assert [(c.source, c.argv) for c in commands] == [
        ("doc.md:1", ("test",)),
        ("doc.md:1", ("check-manifest", "--manifest", "m.json")),
        ("doc.md:4", ("bump", "GEAR", "0.2.0")),
        ("doc.md:5", ("usage", "project_management")),
    ]
    assert [c.has_placeholder for c in commands] == [False, False, True, False]
    assert [c.inline for c in commands] == [True, True, False, False]


def test_labels_skip_urls_and_external_repositories() -> None:
    assert [(x.source, x.label) for x in labels(DOC, "doc.md")] == [
        ("doc.md:7", "//gears/project_management/src/docker:push"),
        ("doc.md:10", "//gears/<folder>/src/docker:push"),
        ("doc.md:11", "//..."),
        ("doc.md:11", "//tools/bazel"),
    ]


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="./dev")
    sub = root.add_subparsers(dest="command", required=True)
    sub.add_parser("usage").add_argument("gear", nargs="?")
    run = sub.add_parser("run")
    run.add_argument("gear")
    run.add_argument("--standin", action="store_true")
    return root


def test_unknown_options_and_commands_are_problems() -> None:
    good, bad_option, bad_command = dev_commands(
        "`./dev usage x` `./dev usage --nope` `./dev frobnicate`", "d.md"
    )
    assert parse_problem(good, parser()) is None
    assert "unrecognized arguments: --nope" in str(parse_problem(bad_option, parser()))
    assert "invalid choice: 'frobnicate'" in str(parse_problem(bad_command, parser()))
    assert unclassified([good, bad_command]) == [
        "d.md:1: `./dev frobnicate`: add 'frobnicate' to docs_check.check.RUN or PARSE_ONLY"
    ]


def test_inline_mentions_need_only_existing_commands_and_options() -> None:
    mentions = dev_commands("`./dev` `./dev run` `./dev run --standin` `./dev run --nope`", "d.md")
    assert [command_problem(c, parser()) for c in mentions[:3]] == [None, None, None]
    assert command_problem(mentions[3], parser()) == "d.md:1: `./dev run --nope`: no option --nope"
    passed_on, before = dev_commands("`./dev run -- -k x` `./dev run --nope -- -k`", "d.md")
    assert command_problem(passed_on, parser()) is None  # after `--`: another program's
    assert command_problem(before, parser()) == "d.md:1: `./dev run --nope -- -k`: no option --nope"
    general = dev_commands("`./dev --help` `./dev COMMAND --help` `./dev --nope`", "d.md")
    assert [command_problem(c, parser()) for c in general[:2]] == [None, None]
    assert command_problem(general[2], parser()) == "d.md:1: `./dev --nope`: no ./dev option"
    (missing,) = dev_commands("`./dev frobnicate`", "d.md")
    assert (
        command_problem(missing, parser())
        == "d.md:1: `./dev frobnicate`: no ./dev command 'frobnicate'"
    )
    (block,) = dev_commands("```\n./dev run --standin\n```\n", "d.md")
    assert "required: gear" in str(command_problem(block, parser()))


def test_only_code_block_commands_without_placeholders_run() -> None:
    commands = dev_commands(
        "`./dev usage`\n```\n./dev usage\n./dev usage GEAR\n./dev run x\n```", "d"
    )
    assert [(c.source, c.argv) for c in runnable(commands)] == [("d:3", ("usage",))]
