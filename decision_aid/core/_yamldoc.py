"""A read YAML file: its plain data, and the position of any value or key when asked.

Positions are found on demand in libyaml's node tree (kept beside the data) instead of
being recorded for every node while reading: a pack asks for a few thousand spans, and
recording all of them cost as much as composing the file in C. A document from the pack
cache has no node tree; it carries the positions as plain dicts (`plain_positions`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from decision_aid.core._problems import Span

Path_ = tuple[str | int, ...]
Positions = dict[Path_, tuple[int, int]]
MERGE_TAG = "tag:yaml.org,2002:merge"


def first_keys(node: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    """Key text → (key node, value node) for the keys the data keeps: the first of
    duplicates, no merge keys, no complex keys."""
    keys: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.tag != MERGE_TAG:
            keys.setdefault(str(key.value), (key, value))
    return keys


@dataclass(slots=True)
class Document:
    """Plain data from one YAML file, with the position of every value and mapping key.

    Positions are (line, column) pairs, 1-based; Spans are made on demand.
    """

    path: str
    data: Any = None
    positions: Positions = field(default_factory=dict)
    key_positions: Positions = field(default_factory=dict)
    root: yaml.Node | None = field(default=None, repr=False, compare=False)
    _keys: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] = field(
        default_factory=dict, repr=False, compare=False)

    def span(self, where: Path_ = ()) -> Span:
        """The span of the value at `where`, or of its nearest enclosing value."""
        if self.root is not None:
            node, _, _ = self._locate(where)
            return Span(self.path, node.start_mark.line + 1, node.start_mark.column + 1)
        while where not in self.positions and where:
            where = where[:-1]
        line, col = self.positions.get(where, (1, 1))
        return Span(self.path, line, col)

    def key_span(self, where: Path_) -> Span:
        """The span of the key that introduces `where` (falls back to the value)."""
        if self.root is not None:
            _, key, found = self._locate(where)
            if key is not None and found == len(where):
                return Span(self.path, key.start_mark.line + 1, key.start_mark.column + 1)
            return self.span(where)
        known = self.key_positions.get(where)
        return Span(self.path, *known) if known else self.span(where)

    def _locate(self, where: Path_) -> tuple[yaml.Node, yaml.Node | None, int]:
        """The deepest node along `where`, the key node that led to it, and how deep."""
        assert self.root is not None
        node, key = self.root, None
        for depth, step in enumerate(where):
            if isinstance(node, yaml.MappingNode) and isinstance(step, str):
                keys = self._keys.get(id(node))
                if keys is None:
                    keys = self._keys[id(node)] = first_keys(node)
                found = keys.get(step)
                if found is None:
                    return node, key, depth
                key, node = found
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) \
                    and 0 <= step < len(node.value):
                node, key = node.value[step], None
            else:
                return node, key, depth
        return node, key, len(where)

    def plain_positions(self) -> tuple[Positions, Positions]:
        """Every value's and key's position as plain dicts (for the pack cache)."""
        if self.root is None:
            return self.positions, self.key_positions
        values: Positions = {}
        keys: Positions = {}
        stack: list[tuple[yaml.Node, Path_]] = [(self.root, ())]
        while stack:
            node, where = stack.pop()
            if where in values:
                continue
            values[where] = (node.start_mark.line + 1, node.start_mark.column + 1)
            if isinstance(node, yaml.SequenceNode):
                stack.extend((item, (*where, i)) for i, item in enumerate(node.value))
            elif isinstance(node, yaml.MappingNode):
                for name, (key, value) in first_keys(node).items():
                    keys[(*where, name)] = (key.start_mark.line + 1, key.start_mark.column + 1)
                    stack.append((value, (*where, name)))
        return values, keys
