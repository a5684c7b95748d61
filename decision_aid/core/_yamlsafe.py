"""Read YAML safely: plain data, bounded work, and problems instead of exceptions.

Documents are composed into nodes by libyaml (never constructed by PyYAML), so no tag can
run code. The composer is bounded while it runs: a hook PyYAML calls for every node counts
nodes and nesting and stops the C code past MAX_NODES or MAX_DEPTH, so a huge flow list
never becomes a huge node tree. Aliases are walked, not copied, and the walk that builds
the data is bounded the same way: a "billion laughs" file is refused after MAX_NODES
values.

Only a few plain scalars are not text: `true`/`false` (YAML 1.2: `yes`/`no`/`on`/`off`
stay strings), `null`/`~`/empty, dates (kept as ISO text), and whole numbers written as
plain decimal digits in [-MAX_INT, MAX_INT]. Anything else YAML would read as a number
(`0x1F`, `1_000`, `1:30`, `1.5`, `.inf`) is a `bad-scalar` problem: no conversion whose
cost grows with the square of its length (sexagesimal) or that outgrows the interpreter's
digit limit ever runs. Duplicate keys, unknown tags and merge keys are problems too.
Positions are found on demand (core/_yamldoc.py).
"""

from __future__ import annotations

import datetime as _dt
import gc
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from decision_aid.core._files import MAX_FILE_BYTES, read_bytes
from decision_aid.core._problems import Problem, Span
from decision_aid.core._yamldoc import MERGE_TAG, Document, Path_

__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_INT", "MAX_NODES", "Document", "Path_", "read_yaml"]

MAX_NODES = 50_000
MAX_DEPTH = 64
MAX_BYTES = MAX_FILE_BYTES
MAX_INT = 999_999_999
FREEZE_EVERY = 4096

_TAG = "tag:yaml.org,2002:"
STR, INT, BOOL, NULL = f"{_TAG}str", f"{_TAG}int", f"{_TAG}bool", f"{_TAG}null"
TIMESTAMP, FLOAT, SEQ, MAP = f"{_TAG}timestamp", f"{_TAG}float", f"{_TAG}seq", f"{_TAG}map"
_NUMBER = "tag:decision-aid,2026:number"  # what YAML would read as a number we do not take
_SCALAR_TAGS = {STR, INT, BOOL, NULL, TIMESTAMP, FLOAT, _NUMBER}

_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]{0,8})")
_DIGITS = re.compile(r"[-+]?[0-9]+")
_NUMBERISH = re.compile(r"""[-+]?(?:0b[01_]+|0o[0-7_]+|0x[0-9a-fA-F_]+
    |[0-9][0-9_]*(?::[0-5]?[0-9])*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?
    |\.[0-9][0-9_]*(?:[eE][-+]?[0-9]+)?|\.(?:inf|Inf|INF))|\.(?:nan|NaN|NAN)""", re.X)
_TIMESTAMP = next(rx for tag, rx in yaml.SafeLoader.yaml_implicit_resolvers["0"]
                  if tag == TIMESTAMP)
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False,
          "FALSE": False}
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters other than tab and line feed. The reader refuses them written
raw; a double-quoted escape (`"\\e[2J"`) is the only way into a value, and from there
into a terminal that would obey them."""


def _plain_tag(value: str) -> str:
    """The tag of a plain (unquoted) scalar; cheaper than PyYAML's regex table."""
    first = value[:1]
    if first in "0123456789+-.":
        if not first:
            return NULL
        if _DIGITS.fullmatch(value):
            return INT
        if _TIMESTAMP.match(value):
            return TIMESTAMP
        return _NUMBER if _NUMBERISH.fullmatch(value) else STR
    if value in _BOOLS:
        return BOOL
    if value in _NULLS:
        return NULL
    return MERGE_TAG if value == "<<" else STR


class _TooManyNodes(Exception):
    pass


class _TooDeep(Exception):
    pass


_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc]
    """SafeLoader (C when present) with a bounded composer and a lean resolver.

    PyYAML calls `descend_resolver(parent, index)` before composing each node (not an
    alias) and `ascend_resolver()` after it, from C too; the path resolvers they normally
    run are unused here. Only the descent runs Python: it counts the node and records its
    parent in `ancestors`, and the ascent is that dict's own `popitem` (C), so the dict
    holds exactly the chain of nodes being composed (each descent adds the parent, never
    already there; each ascent removes it again, last in first out) and its length is the
    depth. With `freeze`, what was composed is frozen every FREEZE_EVERY nodes (see
    core/_loader.load): the node tree of a large file is most of the objects a load
    makes, and full collections scanning it again and again were a third of a cold load.
    """

    def __init__(self, stream: str, freeze: bool = False) -> None:
        super().__init__(stream)
        self.nodes = 0
        self.limit = 2 * MAX_NODES + 1  # keys are nodes too: at most one per value
        self.checkpoint = min(FREEZE_EVERY, self.limit) if freeze else self.limit
        self.ancestors: dict[Any, Any] = {}
        self.ascend_resolver = self.ancestors.popitem

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        ancestors = self.ancestors
        ancestors[current_node] = current_index
        self.nodes += 1
        if self.nodes > self.checkpoint:
            self._checkpoint()
        if len(ancestors) > MAX_DEPTH + 1:
            raise _TooDeep

    def _checkpoint(self) -> None:
        if self.nodes > self.limit:  # without freeze, the checkpoint is the limit
            raise _TooManyNodes
        gc.freeze()
        self.checkpoint = min(self.nodes + FREEZE_EVERY, self.limit)

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            return _plain_tag(value) if implicit[0] else STR
        return SEQ if kind is yaml.SequenceNode else MAP


def _span(path: str, node: yaml.Node) -> Span:
    return Span(path, node.start_mark.line + 1, node.start_mark.column + 1)


def short(text: str, limit: int = 60) -> str:
    """A value quoted for a message: whole when short, else a prefix and its length."""
    if len(text) <= limit:
        return f"'{text}'"
    return f"'{text[:limit - 16]}…' ({len(text)} characters)"


class _Builder:
    """Builds plain data from a node tree, bounded in values and depth, collecting problems."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.count = 0
        self.problems: list[Problem] = []

    def value(self, node: yaml.Node, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooManyNodes
        if depth > MAX_DEPTH:
            raise _TooDeep
        tag = node.tag
        if isinstance(node, yaml.ScalarNode):
            control = _CONTROL.search(node.value) if node.style == '"' else None
            if control is not None:
                return self._bad(node, "the text holds a control character "
                                 f"(#x{ord(control.group()):02x})",
                                 "remove the escape; text may hold \\t and \\n only")
            return node.value if tag == STR else self._scalar(node, tag)
        if isinstance(node, yaml.SequenceNode):
            if tag != SEQ:
                self._bad_tag(node)
            return [self.value(item, depth + 1) for item in node.value]
        if tag != MAP:
            self._bad_tag(node)
        return self._mapping(node, depth)  # type: ignore[arg-type]

    def _scalar(self, node: yaml.ScalarNode, tag: str) -> Any:
        text: str = node.value
        if tag == NULL:
            return None
        if tag == BOOL and text.lower() in ("true", "false"):
            return text.lower() == "true"
        if tag == INT and _DECIMAL.fullmatch(text):
            return int(text)
        if tag == TIMESTAMP:
            try:
                value = yaml.SafeLoader.construct_yaml_timestamp(_dummy_loader, node)
            except (ValueError, OverflowError, TypeError):
                return self._bad(node, f"{short(text)} is not a valid date",
                                 "write a date as YYYY-MM-DD, or quote the value to keep "
                                 "it as text")
            return value.isoformat() if isinstance(value, _dt.date) else str(value)
        if tag in (INT, FLOAT, _NUMBER):
            if tag == INT and _DIGITS.fullmatch(text) and text.lstrip("+-")[:1] != "0":
                return self._bad(node, f"{short(text)} is outside the range of numbers in "
                                 "packs", f"use a whole number from -{MAX_INT} to {MAX_INT}")
            return self._bad(node, f"{short(text)} is not a plain whole number",
                             "numbers in packs are decimal digits such as 10 (no 0x, 1_000, "
                             "1:30, 1.5 or leading zeros); quote the value to keep it as text")
        if tag == BOOL:
            return self._bad(node, f"{short(text)} is not true or false", "write true or false")
        self._bad_tag(node)
        return text

    def _bad(self, node: yaml.Node, message: str, hint: str) -> str:
        self.problems.append(Problem(_span(self.path, node), "bad-scalar", message, hint))
        return str(node.value)

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == MERGE_TAG:
                self.problems.append(Problem(
                    _span(self.path, key_node), "yaml-merge-key",
                    "merge keys (<<) are not supported", "write the keys out in full"))
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(Problem(
                    _span(self.path, key_node), "yaml-complex-key",
                    "a mapping key must be a plain word", "use a string key"))
                continue
            key = str(key_node.value)
            if key in out:
                first = next(k for k, _ in node.value
                             if isinstance(k, yaml.ScalarNode) and str(k.value) == key)
                self.problems.append(Problem(
                    _span(self.path, key_node), "duplicate-key",
                    f"key {short(key)} appears twice in this mapping",
                    f"first at line {first.start_mark.line + 1}; keep one"))
                continue
            out[key] = self.value(value_node, depth + 1)
        return out

    def _bad_tag(self, node: yaml.Node) -> None:
        self.problems.append(Problem(
            _span(self.path, node), "yaml-tag",
            f"tag {short(node.tag)} is not allowed", "remove the tag; packs are plain YAML"))


_dummy_loader: Any = yaml.SafeLoader("")


def read_yaml(path: Path | str, text: str | None = None, *, name: str | None = None,
              raw: bytes | None = None, limit: int | None = None, freeze: bool = False
              ) -> tuple[Document, list[Problem]]:
    """Read one YAML file into a Document; never raises for bad content.

    `name` is the path shown in problems and spans (defaults to `path`). Give `text`, or
    the file's `raw` bytes when the caller has read them already; otherwise the file is
    read through core/_files.py, at most `limit` bytes (default MAX_BYTES). `freeze` is
    the loader's, which unfreezes when its load ends (see `_Loader`).
    """
    name = str(path) if name is None else name
    doc = Document(name)
    if text is None:
        if raw is None:
            got = read_bytes(Path(path), name=name, limit=MAX_BYTES if limit is None else limit)
            if isinstance(got, Problem):
                return doc, [got]
            raw = got
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            return doc, [Problem(Span(name), "file-encoding",
                                 f"not UTF-8 ({exc.reason} at byte {exc.start})",
                                 "save the file as UTF-8")]
    try:
        nodes = list(_compose_all(text, freeze))
    except yaml.MarkedYAMLError as exc:
        return doc, [_syntax_problem(name, text, exc)]
    except yaml.reader.ReaderError as exc:
        return doc, [_character_problem(name, text, exc)]
    except yaml.YAMLError as exc:
        return doc, [Problem(Span(name), "yaml-syntax", f"syntax error: {exc}",
                             "check the file is valid YAML")]
    except _TooDeep:
        return doc, [_too_deep(name)]
    except _TooManyNodes:
        return doc, [_too_many(name)]
    if len(nodes) > 1:
        return doc, [Problem(_span(name, nodes[1]), "yaml-multiple-documents",
                             "a pack file holds one YAML document", "remove the '---' separator")]
    if not nodes:
        return doc, [Problem(Span(name, 1, 1), "empty-file", "the file is empty",
                             "add content or delete the file")]
    builder = _Builder(name)
    try:
        doc.data = builder.value(nodes[0], 0)
    except _TooDeep:
        return doc, [_too_deep(name)]
    except _TooManyNodes:
        return doc, [_too_many(name)]
    doc.root = nodes[0]
    return doc, builder.problems


def _too_deep(name: str) -> Problem:
    return Problem(Span(name, 1, 1), "yaml-too-deep",
                   f"the file nests deeper than {MAX_DEPTH} levels",
                   "packs are shallow; check for a recursive alias")


def _too_many(name: str) -> Problem:
    return Problem(Span(name, 1, 1), "yaml-too-many-nodes",
                   f"the file expands to more than {MAX_NODES} values",
                   "anchors and aliases are bounded; write the content out plainly")


def _syntax_problem(name: str, text: str, exc: yaml.MarkedYAMLError) -> Problem:
    """Point at where the unclosed construct began, with where the parser stopped as a hint.

    PyYAML's problem mark is often past the last line (an unclosed quote or bracket is
    noticed at the end of the stream); its context ("while scanning a quoted scalar")
    says what was left open and where it started.
    """
    problem, context = exc.problem or "not valid YAML", exc.context
    at, began = exc.problem_mark, exc.context_mark
    stopped = _where(text, at.line, at.column) if at else "an unknown place"
    if began is not None and context and (at is None or
                                          (began.line, began.column) < (at.line, at.column)):
        return Problem(Span(name, began.line + 1, began.column + 1), "yaml-syntax",
                       f"syntax error: {problem} {context}",
                       f"it starts here; the parser stopped at {stopped}: check indentation "
                       "and quoting")
    mark = at or began
    line, col = _clamp(text, mark.line, mark.column) if mark else (1, 1)
    what = f"{problem} {context}" if context and context != problem else problem
    return Problem(Span(name, line, col), "yaml-syntax", f"syntax error: {what}",
                   "check indentation and quoting near here")


def _character_problem(name: str, text: str, exc: yaml.reader.ReaderError) -> Problem:
    """A character YAML does not allow (a control character, say), at its line:col.

    PyYAML's ReaderError has a character offset, not a mark, and its text is two lines.
    """
    at = max(0, min(int(exc.position), len(text)))
    line = text.count("\n", 0, at) + 1
    col = at - (text.rfind("\n", 0, at) + 1) + 1
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or " ")
    return Problem(Span(name, line, col), "yaml-syntax",
                   f"syntax error: character #x{code:04x} is not allowed ({exc.reason})",
                   "delete it, or write it as an escape such as \\x1b inside double quotes")


def _end(text: str) -> tuple[int, int]:
    """The 0-based (line, column) just past the last character that is not a line break."""
    body = text.rstrip("\r\n")
    return body.count("\n"), len(body) - (body.rfind("\n") + 1)


def _clamp(text: str, line: int, col: int) -> tuple[int, int]:
    end = _end(text)
    return (end[0] + 1, end[1] + 1) if (line, col) > end else (line + 1, col + 1)


def _where(text: str, line: int, col: int) -> str:
    if (line, col) >= _end(text):
        return "the end of the file"
    return f"line {line + 1}, column {col + 1}"


def _compose_all(text: str, freeze: bool = False) -> Iterator[yaml.Node]:
    loader = _Loader(text, freeze)
    try:
        while loader.check_node():
            node = loader.get_node()
            if node is not None:
                yield node
    finally:
        loader.dispose()
