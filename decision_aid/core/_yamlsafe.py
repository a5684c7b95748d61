"""Read YAML safely and keep the position of every value.

Documents are composed into nodes (never constructed), so no tag can run code and an
alias is walked, not copied: a "billion laughs" file is refused after a bounded number of
nodes. Only `true`/`false` are booleans (YAML 1.2): option ids `yes`/`no`/`on`/`off` stay
strings. Duplicate keys, unknown tags and merge keys are reported as problems.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from decision_aid.core._files import MAX_FILE_BYTES, read_bytes
from decision_aid.core._problems import Problem, Span

Path_ = tuple[str | int, ...]
MAX_NODES = 50_000
MAX_DEPTH = 64
MAX_BYTES = MAX_FILE_BYTES

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc]
    """SafeLoader (C when present) whose booleans are YAML 1.2's: only true and false."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_TAG}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}


@dataclass(slots=True)
class Document:
    """Plain data from one YAML file, with the position of every value and mapping key.

    Positions are (line, column) pairs, 1-based; Spans are made on demand, which keeps a
    document plain data that the pack cache can store.
    """

    path: str
    data: Any = None
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def span(self, where: Path_ = ()) -> Span:
        """The span of the value at `where`, or of its nearest enclosing value."""
        while where not in self.positions and where:
            where = where[:-1]
        line, col = self.positions.get(where, (1, 1))
        return Span(self.path, line, col)

    def key_span(self, where: Path_) -> Span:
        """The span of the key that introduces `where` (falls back to the value)."""
        found = self.key_positions.get(where)
        return Span(self.path, *found) if found else self.span(where)


class _TooManyNodes(Exception):
    pass


class _TooDeep(Exception):
    pass




def _span(path: str, node: yaml.Node) -> Span:
    return Span(path, node.start_mark.line + 1, node.start_mark.column + 1)


def _scalar(node: yaml.ScalarNode) -> Any:
    tag = node.tag.removeprefix(_TAG)
    text = node.value
    if tag == "null":
        return None
    if tag == "bool":
        return text.lower() == "true"
    if tag == "int":
        return int(yaml.SafeLoader.construct_yaml_int(_dummy_loader, node))
    if tag == "float":
        return float(yaml.SafeLoader.construct_yaml_float(_dummy_loader, node))
    if tag == "timestamp":
        value = yaml.SafeLoader.construct_yaml_timestamp(_dummy_loader, node)
        return value.isoformat() if isinstance(value, _dt.date) else str(value)
    return text


_dummy_loader: Any = yaml.SafeLoader("")


class _Walker:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.count = 0
        self.problems: list[Problem] = []

    def walk(self, node: yaml.Node, where: Path_) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooManyNodes
        if len(where) > MAX_DEPTH:
            raise _TooDeep
        mark = node.start_mark
        self.doc.positions.setdefault(where, (mark.line + 1, mark.column + 1))
        if isinstance(node, yaml.ScalarNode):
            if node.tag not in _SCALAR_TAGS:
                self._bad_tag(node)
                return node.value
            try:
                return _scalar(node)
            except (ValueError, OverflowError):
                tag = node.tag.removeprefix(_TAG)
                self.problems.append(Problem(
                    _span(self.doc.path, node), "bad-scalar",
                    f"'{node.value}' is not a valid {'date' if tag == 'timestamp' else tag}",
                    "write a date as YYYY-MM-DD, or quote the value to keep it as text"))
                return node.value
        if isinstance(node, yaml.SequenceNode):
            if node.tag != f"{_TAG}seq":
                self._bad_tag(node)
            return [self.walk(item, (*where, i)) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            if node.tag != f"{_TAG}map":
                self._bad_tag(node)
            return self._mapping(node, where)
        return None  # pragma: no cover - PyYAML has only these three node kinds

    def _mapping(self, node: yaml.MappingNode, where: Path_) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == f"{_TAG}merge":
                self.problems.append(Problem(
                    _span(self.doc.path, key_node), "yaml-merge-key",
                    "merge keys (<<) are not supported", "write the keys out in full"))
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(Problem(
                    _span(self.doc.path, key_node), "yaml-complex-key",
                    "a mapping key must be a plain word", "use a string key"))
                continue
            key = str(key_node.value)
            if key in out:
                first = self.doc.key_span((*where, key))
                self.problems.append(Problem(
                    _span(self.doc.path, key_node), "duplicate-key",
                    f"key '{key}' appears twice in this mapping",
                    f"first at line {first.line}; keep one"))
                continue
            mark = key_node.start_mark
            self.doc.key_positions[(*where, key)] = (mark.line + 1, mark.column + 1)
            out[key] = self.walk(value_node, (*where, key))
        return out

    def _bad_tag(self, node: yaml.Node) -> None:
        self.problems.append(Problem(
            _span(self.doc.path, node), "yaml-tag",
            f"tag '{node.tag}' is not allowed", "remove the tag; packs are plain YAML"))


def read_yaml(path: Path | str, text: str | None = None, *, name: str | None = None,
              raw: bytes | None = None, limit: int | None = None
              ) -> tuple[Document, list[Problem]]:
    """Read one YAML file into a Document; never raises for bad content.

    `name` is the path shown in problems and spans (defaults to `path`). Give `text`, or
    the file's `raw` bytes when the caller has read them already; otherwise the file is
    read through core/_files.py, at most `limit` bytes (default MAX_BYTES).
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
            return doc, [Problem(Span(name), "file-encoding", f"not UTF-8 ({exc.reason})",
                                 "save the file as UTF-8")]
    try:
        nodes = list(_compose_all(text))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        span = Span(name, mark.line + 1, mark.column + 1) if mark else Span(name)
        what = exc.problem or exc.context or "not valid YAML"
        return doc, [Problem(span, "yaml-syntax", f"syntax error: {what}",
                             "check indentation and quoting near here")]
    except yaml.YAMLError as exc:
        return doc, [Problem(Span(name), "yaml-syntax", f"syntax error: {exc}",
                             "check the file is valid YAML")]
    if len(nodes) > 1:
        return doc, [Problem(_span(name, nodes[1]), "yaml-multiple-documents",
                             "a pack file holds one YAML document", "remove the '---' separator")]
    if not nodes:
        return doc, [Problem(Span(name, 1, 1), "empty-file", "the file is empty",
                             "add content or delete the file")]
    walker = _Walker(doc)
    try:
        doc.data = walker.walk(nodes[0], ())
    except _TooDeep:
        return doc, [Problem(Span(name, 1, 1), "yaml-too-deep",
                             f"the file nests deeper than {MAX_DEPTH} levels",
                             "packs are shallow; check for a recursive alias")]
    except _TooManyNodes:
        return doc, [Problem(Span(name, 1, 1), "yaml-too-many-nodes",
                             f"the file expands to more than {MAX_NODES} values",
                             "anchors and aliases are bounded; write the content out plainly")]
    return doc, walker.problems


def _compose_all(text: str) -> Iterator[yaml.Node]:
    loader = _Loader(text)
    try:
        while loader.check_node():
            node = loader.get_node()
            if node is not None:
                yield node
    finally:
        loader.dispose()
