"""What a BUILD file keeps by hand: `# keep` comments, as Gazelle reads them, and literal deps."""

from __future__ import annotations

import ast
import io
import tokenize
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class RuleText:
    """A rule called directly in a BUILD file, as written."""

    kept: bool = False  # `# keep` on the call: no tool edits the rule
    deps_literal: bool = True  # deps absent or a list of strings (so buildozer can edit it)
    kept_deps: set[str] = field(default_factory=set)  # entries marked `# keep`
    srcs_literal: bool = False  # srcs is a list of strings (not a glob)


def _comments(text: str) -> dict[int, str]:
    """Line number -> the comment on it."""
    found: dict[int, str] = {}
    tokens = tokenize.generate_tokens(io.StringIO(text).readline)
    for token in tokens:
        if token.type == tokenize.COMMENT:
            found[token.start[0]] = token.string
    return found


def _is_keep(comment: str | None) -> bool:
    """Gazelle's test (rule.isKeepComment, bazel-gazelle v0.53.0): `# keep` or `# keep: why`."""
    if comment is None:
        return False
    text = comment.strip().removeprefix("#").strip()
    return text == "keep" or text.startswith("keep: ")


def _marked(line: int, comments: dict[int, str], lines: list[str]) -> bool:
    """`# keep` after the element on its line, or in the comment lines just above it."""
    if _is_keep(comments.get(line)):
        return True
    above = line - 1
    while above >= 1 and lines[above - 1].strip().startswith("#"):
        if _is_keep(comments.get(above)):
            return True
        above -= 1
    return False


def rules_as_written(path: Path) -> dict[str, RuleText]:
    """Rule name -> how it is written, for each top-level call with a literal `name`."""
    text = path.read_text(encoding="utf-8")
    try:
        tree = ast.parse(text, filename=str(path))
        comments = _comments(text)
    except (SyntaxError, tokenize.TokenError):
        return {}
    lines = text.splitlines()
    rules: dict[str, RuleText] = {}
    for statement in tree.body:
        call = statement.value if isinstance(statement, ast.Expr) else None
        if not isinstance(call, ast.Call):
            continue
        keywords = {k.arg: k.value for k in call.keywords if k.arg}
        name = keywords.get("name")
        if not (isinstance(name, ast.Constant) and isinstance(name.value, str)):
            continue
        rule = RuleText(kept=_marked(call.lineno, comments, lines))
        srcs = keywords.get("srcs")
        rule.srcs_literal = isinstance(srcs, ast.List) and all(
            isinstance(e, ast.Constant) for e in srcs.elts
        )
        deps = keywords.get("deps")
        if deps is not None:
            items = deps.elts if isinstance(deps, ast.List) else None
            strings = [e for e in items or [] if isinstance(e, ast.Constant)]
            rule.deps_literal = items is not None and len(strings) == len(items)
            rule.kept_deps = {
                str(e.value) for e in strings if _marked(e.end_lineno or e.lineno, comments, lines)
            }
        rules[name.value] = rule
    return rules
