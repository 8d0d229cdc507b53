"""Read the YAML documents of a project file with bounded work, every problem at once.

A project file comes from whoever launches the job, so reading it is bounded: the file's size
(`MAX_FILE_CHARS`), how deep values nest (`MAX_DEPTH`, aliases followed) and how many values a
document holds once its aliases are expanded (`MAX_VALUES`: a YAML "billion laughs" of a few
hundred bytes stops here, before anything is built from it). Keys must be text (a list or a
number as a key is refused) and appear once per mapping; merge keys (`<<: *anchor`) are
refused, so every field is written out where it applies.

Documents are split at their `---` lines (a `---` at the start of a line always starts a
document in YAML) and read one by one, so the problems of every document, syntax errors
included, are reported together. Each problem is one line:
`<source>, document 2, line 7, column 3: ...` (documents, lines and columns count from 1).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from message_quotes import cut_text, quoted

MAX_FILE_CHARS = 1_000_000
MAX_DEPTH = 20  # a project document needs 5: document, centers, a center, its tags, a tag
MAX_VALUES = 100_000  # per document, each alias counted every time it is used
MAX_PROBLEMS_PER_DOCUMENT = 20
_DOCUMENT_START = re.compile(r"^---(?=[ \t\r]|$)", re.MULTILINE)
_CONTENT_LINE = re.compile(r"^[ \t]*[^\s#%]", re.MULTILINE)
_STR_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_SCALAR_KINDS = {
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "true/false",
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:timestamp": "a date",
}


@dataclass
class YamlDocument:
    """One document: its number (from 1), its value (None when empty or broken), problems."""

    number: int
    value: Any = None
    problems: list[str] = field(default_factory=list)


class _BoundedLoader(yaml.SafeLoader):
    """A SafeLoader that stops composing past `MAX_DEPTH` levels (so it never recurses deeper)."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise ComposerError(
                    None,
                    None,
                    f"values nest more than {MAX_DEPTH} levels deep; a project file needs a few",
                    self.peek_event().start_mark,  # type: ignore[no-untyped-call]
                )
            node = super().compose_node(parent, index)
            assert node is not None  # only None at the end of a stream, never for a value
            return node
        finally:
            self._depth -= 1


@dataclass(frozen=True)
class _Chunk:
    text: str
    first_line: int  # 0-based line of the chunk's first line in the file


def _chunks(text: str) -> Iterator[_Chunk]:
    """The file cut before each `---` line; a leading part without content joins the next."""
    starts = [match.start() for match in _DOCUMENT_START.finditer(text)]
    if not starts or starts[0] != 0:
        head = text[: starts[0]] if starts else text
        if _CONTENT_LINE.search(head) is not None or not starts:
            starts.insert(0, 0)
        else:
            starts[0] = 0  # comments and directives before the first `---` belong to it
    for begin, end in zip(starts, [*starts[1:], len(text)], strict=True):
        yield _Chunk(text[begin:end], text.count("\n", 0, begin))


def _where(source: str, number: int, mark: yaml.Mark | None, first_line: int) -> str:
    if mark is None:
        return f"{source}, document {number}"
    return (
        f"{source}, document {number}, line {first_line + mark.line + 1}, column {mark.column + 1}"
    )


def _syntax_problem(error: yaml.YAMLError, source: str, number: int, first_line: int) -> str:
    if isinstance(error, yaml.MarkedYAMLError) and error.problem_mark is not None:
        problem = cut_text(error.problem or "invalid YAML")
        context = f" ({cut_text(error.context)})" if error.context else ""
        where = _where(source, number, error.problem_mark, first_line)
        return f"{where}: {problem}{context}; fix the YAML syntax"
    return f"{_where(source, number, None, first_line)}: not valid YAML ({cut_text(str(error))})"


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _expanded_size(root: Node) -> tuple[int, int]:
    """(values, depth) of `root` with every alias expanded; counted without expanding them.

    Aliases are shared nodes in the composed graph, so each node is measured once (post-order,
    no recursion); values are capped just past MAX_VALUES.
    """
    measured: dict[int, tuple[int, int]] = {}
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in measured:
            continue
        children = _children(node)
        if not children_done:
            stack.append((node, True))
            stack.extend((child, False) for child in children if id(child) not in measured)
            continue
        values = 1 + sum(measured[id(child)][0] for child in children)
        depth = 1 + max((measured[id(child)][1] for child in children), default=0)
        measured[id(node)] = (min(values, MAX_VALUES + 1), depth)
    return measured[id(root)]


def _mappings(root: Node) -> Iterator[MappingNode]:
    """Every mapping node under `root`, each once (aliases are not followed twice)."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, MappingNode):
            yield node
        stack.extend(reversed(_children(node)))


def _key_problem(key: Node, seen: dict[str, Node], first_line: int) -> str | None:
    if key.tag == _MERGE_TAG:
        return "merge keys ('<<') are not supported; write the fields out in full"
    if not isinstance(key, ScalarNode):
        kind = "a list" if isinstance(key, SequenceNode) else "a mapping"
        return f"a key must be text, not {kind}; use one of the document's field names"
    if key.tag != _STR_TAG:
        kind = _SCALAR_KINDS.get(str(key.tag), f"a {key.tag}")
        return f"key {quoted(key.value)} reads as {kind}, not text; quote it or use a field name"
    if key.value in seen:
        first = seen[key.value].start_mark
        return f"key {quoted(key.value)} is given twice (also line {first.line + 1}); give it once"
    seen[key.value] = key
    return None


def _key_problems(root: Node, first_line: int) -> Iterator[tuple[yaml.Mark, str]]:
    """(where, problem) for every key that is not text, is a merge key or is repeated."""
    for mapping in _mappings(root):
        seen: dict[str, Node] = {}
        for key, _ in mapping.value:
            problem = _key_problem(key, seen, first_line)
            if problem is not None:
                yield key.start_mark, problem


def _read_document(
    loader: _BoundedLoader, node: Node, document: YamlDocument, source: str, first_line: int
) -> None:
    values, depth = _expanded_size(node)
    where = _where(source, document.number, node.start_mark, first_line)
    if depth > MAX_DEPTH:
        document.problems.append(
            f"{where}: values nest more than {MAX_DEPTH} levels deep (aliases expanded);"
            " a project file needs a few"
        )
        return
    if values > MAX_VALUES:
        document.problems.append(
            f"{where}: holds more than {MAX_VALUES} values once its aliases ('*name') are"
            " expanded; a project file needs far fewer"
        )
        return
    for mark, problem in _key_problems(node, first_line):
        if len(document.problems) == MAX_PROBLEMS_PER_DOCUMENT:
            break
        where = _where(source, document.number, mark, first_line)
        document.problems.append(f"{where}: {problem}")
    if not document.problems:
        document.value = loader.construct_document(node)


def _read_chunk(chunk: _Chunk, source: str, first_number: int) -> list[YamlDocument]:
    documents: list[YamlDocument] = []
    loader = _BoundedLoader(chunk.text)
    try:
        while loader.check_node():
            document = YamlDocument(first_number + len(documents))
            documents.append(document)
            node = loader.get_node()
            if node is None:
                break
            _read_document(loader, node, document, source, chunk.first_line)
    except yaml.YAMLError as error:
        if not documents:
            documents.append(YamlDocument(first_number))
        documents[-1].problems.append(
            _syntax_problem(error, source, documents[-1].number, chunk.first_line)
        )
    finally:
        loader.dispose()
    return documents


def read_documents(text: str, source: str) -> list[YamlDocument]:
    """Every YAML document of `text` (empty ones too), each with its value or its problems.

    `source` starts every problem (`project file`). A text over MAX_FILE_CHARS is not read.
    """
    if len(text) > MAX_FILE_CHARS:
        return [
            YamlDocument(
                1,
                problems=[
                    f"{source}: is {len(text)} characters long, over the limit of"
                    f" {MAX_FILE_CHARS}; a project file needs far fewer"
                ],
            )
        ]
    documents: list[YamlDocument] = []
    for chunk in _chunks(text):
        documents += _read_chunk(chunk, source, len(documents) + 1)
    return documents
