"""Check the extracted commands and labels against the real `./dev` parser and build graph."""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from buildcheck.model import BuildGraph
from dev_cli.gate import tool_env
from docs_check.extract import DocCommand, DocLabel, is_placeholder

# Subcommands the docs test runs for real: quick, read-only, no server, no network.
RUN: frozenset[str] = frozenset({"buildcheck", "changed", "check-manifest", "usage"})

# Subcommands it only parses, and why.
PARSE_ONLY: dict[str, str] = {
    "test": "runs the whole gate, this test included (recursive)",
    "fmt": "rewrites files in place",
    "lock": "rewrites requirements_lock.txt and needs the network",
    "bench": "slow by design",
    "bcr-refresh": "reads a registry over the network and rewrites the BCR record",
    "mutate": "slow by design (a test run per mutant)",
    "standin": "serves until Ctrl-C",
    "run": "runs a gear (a subprocess, a stand-in) and writes a run folder",
    "bump": "rewrites a gear's manifest, BUILD file and CHANGELOG",
    "new": "writes a new gear folder",
    "deps": "--fix rewrites BUILD files; the gate runs `./dev deps` itself",
    "new-gear": "writes a new gear folder",
    "upload": "talks to a Flywheel site and a registry (tools/gear_upload/tests run it for real)",
}


def parse_problem(command: DocCommand, parser: argparse.ArgumentParser) -> str | None:
    """The parser's complaint about a documented command, or None when it parses."""
    errors = io.StringIO()
    try:
        with contextlib.redirect_stderr(errors), contextlib.redirect_stdout(io.StringIO()):
            parser.parse_args(list(command.argv))
    except SystemExit as exit_request:
        if exit_request.code not in (0, None):
            last = errors.getvalue().strip().splitlines()[-1:] or ["rejected"]
            return f"{command.source}: `{command.text}`: {last[0]}"
    return None


def _subparser(parser: argparse.ArgumentParser, name: str) -> argparse.ArgumentParser | None:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found: argparse.ArgumentParser | None = action.choices.get(name)
            return found
    return None


def mention_problem(command: DocCommand, parser: argparse.ArgumentParser) -> str | None:
    """For a command named in running text (`./dev run --standin`): the subcommand and every
    option shown must exist; arguments may be left out."""
    if not command.argv or is_placeholder(command.argv[0]):
        return None
    if command.argv[0].startswith("-"):
        known = command.argv[0] in parser._option_string_actions
        return None if known else f"{command.source}: `{command.text}`: no ./dev option"
    sub = _subparser(parser, command.argv[0])
    if sub is None:
        return f"{command.source}: `{command.text}`: no ./dev command {command.argv[0]!r}"
    options = sub._option_string_actions
    words = command.argv[1:]
    if "--" in words:  # what follows `--` is passed on (pytest's arguments), not ./dev's
        words = words[: words.index("--")]
    unknown = [
        word for word in words if word.startswith("-") and word.split("=", 1)[0] not in options
    ]
    if unknown:
        return f"{command.source}: `{command.text}`: no option {', '.join(unknown)}"
    return None


def command_problem(command: DocCommand, parser: argparse.ArgumentParser) -> str | None:
    """Code-block commands must parse completely; inline mentions only need to exist."""
    if command.inline:
        return mention_problem(command, parser)
    return parse_problem(command, parser)


def unclassified(commands: Iterable[DocCommand]) -> list[str]:
    """Documented subcommands that are neither run nor knowingly only parsed."""
    return [
        f"{c.source}: `{c.text}`: add {c.argv[0]!r} to docs_check.check.RUN or PARSE_ONLY"
        for c in commands
        if c.argv
        and not c.argv[0].startswith("-")
        and not is_placeholder(c.argv[0])
        and c.argv[0] not in RUN | PARSE_ONLY.keys()
    ]


def runnable(commands: Iterable[DocCommand]) -> list[DocCommand]:
    """The commands to run: code-block lines of a RUN subcommand without placeholders."""
    return [
        c
        for c in commands
        if c.argv and c.argv[0] in RUN and not c.has_placeholder and not c.inline
    ]


def run_command(command: DocCommand, root: Path) -> str | None:
    """Run it as ./dev would (python -m dev_cli in the repository); a problem line if it fails."""
    env = dict(tool_env(root), DEV_REPO_ROOT=str(root))
    argv = [sys.executable, "-m", "dev_cli", *command.argv]
    done = subprocess.run(
        argv, cwd=root, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    if done.returncode == 0:
        return None
    output = (done.stderr.strip() or done.stdout.strip() or "no output").splitlines()[-1]
    return f"{command.source}: `{command.text}` exited {done.returncode}: {output}"


def _pattern(label: str, *, below: bool = False) -> re.Pattern[str]:
    """A label with `<placeholders>` as a regex (a placeholder is one name part); `below`
    also matches anything under it (for packages)."""
    parts = re.split(r"(<[^<>]+>)", label)
    source = "".join("[^/:]+" if p.startswith("<") else re.escape(p) for p in parts)
    return re.compile(source + ("(?:/.+)?" if below else ""))


def _package_exists(package: str, graph: BuildGraph, *, below: bool = False) -> bool:
    pattern = _pattern(package, below=below)
    return any(pattern.fullmatch(known) for known in graph.packages)


def _target_exists(label: str, graph: BuildGraph) -> bool:
    package, _, name = label.removeprefix("//").partition(":")
    if not name:  # a package: it exists, or its default target does
        return _package_exists(package, graph)
    full = f"//{package}:{name}"
    if "<" in full:
        pattern = _pattern(full)
        return any(pattern.fullmatch(known) for known in graph.targets)
    if full in graph.targets:
        return True
    path = f"{package}/{name}" if package else name
    return path in graph.file_paths and graph.package_of(path) == package


# Labels Bazel itself provides.
BUILTIN_PACKAGES = frozenset({"visibility", "conditions"})


def _missing(label: str, graph: BuildGraph) -> str | None:
    """Why the label names nothing, or None when it names a target, file or package pattern."""
    package, _, name = label.removeprefix("//").partition(":")
    if label == "//..." or package in BUILTIN_PACKAGES:
        return None
    if label.endswith("/..."):
        prefix = label.removeprefix("//").removesuffix("/...")
        found = _package_exists(prefix, graph, below=True)
        return None if found else f"no package at or below {prefix}"
    if name in ("all", "*"):
        return None if _package_exists(package, graph) else "no such package"
    return None if _target_exists(label, graph) else "no such target, file or package"


def label_problem(doc_label: DocLabel, graph: BuildGraph) -> str | None:
    """A problem line when a documented label names nothing in the build graph."""
    reason = _missing(doc_label.label, graph)
    return None if reason is None else f"{doc_label.source}: `{doc_label.label}`: {reason}"
