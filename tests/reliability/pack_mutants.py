"""Mutated rule packs for fuzzing the loader: text-level and structure-aware changes.

Each mutation is a small value (an operation, where, and what), so hypothesis can draw
and shrink lists of them, and the same list can be replayed from a seed in a child
process (`random_mutations`). Text mutations break YAML (tabs, odd tags, truncation,
encodings); structure mutations keep YAML valid and change what the loader builds from
it (ids, types, values, missing keys), which reaches the schema, the build and the checks,
and (when the pack still loads) the interview and every renderer.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

SNIPPETS = (
    "\t", "&a [x]", "*a", "*nowhere", "!!python/object/apply:os.system [ls]", "<<: *a",
    "? ", "- ", ": ", "{", "}", "[", "]", "'", '"', "#", "|", ">", "\x00", "\x1b[31m", "\u2028",
    "\ufeff", "\ud7ff", "0x" + "f" * 60, "9" * 30, "-0", "+1", ".nan", ".inf", "1:30", "1_000",
    "0o777", "1e9", "!!binary aGk=", "!!set {a}", "!custom x", "~", "null", "yes", "no",
    "2026-02-30", "2026-12-02T01:00:00Z", "../../etc/passwd", "a/b", "a\\b", "é", "\u202e",
    "%YAML 1.1\n", "---\n", "...\n", "&a a\n", "[" * 70, "{a: " * 70, "x" * 20_000,
    "<!channel> <@U0STAFF1> <http://example.invalid|click>", "*bold* _it_ ~s~ `c`",
    "{{ placeholder }}", "{contact}", "%s%n", "\r\n", "\r",
)
"""Things typed into a pack by mistake or on purpose, inserted at random places."""

VALUES: tuple[Any, ...] = (
    None, True, False, 0, -1, 1, 100, 999_999_999, 1_000_000_000, "", " ", "x", "yes", "no",
    "a/b", "..", "UPPER", "id with spaces", "\x00", "é" * 5, "\u202e", "<!here>", [], {}, [1],
    ["x"], {"a": 1}, {"fact": "nowhere", "is": "x"}, {"all": []}, {"any": [{"not": {}}]},
    "2026-13-45", "2020-01-01", "1.5", "x" * 3_100, ["x" * 200] * 30,
)
"""Replacement values for structure mutations: wrong types, edge ids, edge numbers."""

TEXT_OPS = ("insert", "replace", "delete-line", "duplicate-line", "swap-lines", "indent",
            "dedent", "truncate", "crlf")
ENCODINGS = ("utf-8", "utf-8-sig", "latin-1", "utf-16", "cp1252")
TREE_OPS = ("set", "set-same-type", "drop", "duplicate-item", "copy-node", "swap-ids")
GENTLE_OPS = ("set-same-type", "swap-ids", "duplicate-item")


@dataclass(frozen=True, slots=True)
class TextMutation:
    op: str
    at: float
    """Where, as a fraction of the text (or of its lines)."""
    snippet: int = 0
    other: float = 0.0


@dataclass(frozen=True, slots=True)
class TreeMutation:
    op: str
    at: float
    """Which node, as a fraction of the document's nodes in walk order."""
    value: int = 0
    other: float = 0.0


def mutate_text(text: str, mutations: Sequence[TextMutation]) -> str:
    for m in mutations:
        lines = text.split("\n")
        line = min(int(m.at * len(lines)), len(lines) - 1)
        if m.op == "insert":
            i = int(m.at * len(text))
            text = text[:i] + SNIPPETS[m.snippet % len(SNIPPETS)] + text[i:]
        elif m.op == "replace":
            i = int(m.at * len(text))
            text = text[:i] + SNIPPETS[m.snippet % len(SNIPPETS)] + text[i + 1 + m.snippet % 7:]
        elif m.op == "delete-line":
            del lines[line]
            text = "\n".join(lines)
        elif m.op == "duplicate-line":
            lines.insert(line, lines[line])
            text = "\n".join(lines)
        elif m.op == "swap-lines":
            other = min(int(m.other * len(lines)), len(lines) - 1)
            lines[line], lines[other] = lines[other], lines[line]
            text = "\n".join(lines)
        elif m.op == "indent":
            lines[line] = "  " + lines[line]
            text = "\n".join(lines)
        elif m.op == "dedent":
            lines[line] = lines[line][2:] if lines[line].startswith("  ") else lines[line]
            text = "\n".join(lines)
        elif m.op == "truncate":
            text = text[: int(m.at * len(text))]
        elif m.op == "crlf":
            text = text.replace("\n", "\r\n")
    return text


def encode(text: str, encoding: str) -> bytes:
    """The text in this encoding (characters it cannot hold become '?')."""
    return text.encode(encoding, "replace" if encoding != "utf-8" else "surrogatepass")


def _nodes(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _nodes(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _nodes(value, (*path, i))


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path[:-1]:
        data = data[key]
    return data


def _same_type(old: Any, pick: int) -> Any:
    """A replacement of the same YAML type as `old`, so the schema lets more through."""
    same = [v for v in VALUES if type(v) is type(old) and v != old]
    return copy.deepcopy(same[pick % len(same)]) if same else old


def mutate_tree(data: Any, mutations: Sequence[TreeMutation]) -> Any:
    """A changed deep copy of parsed pack data (never a cyclic structure)."""
    data = copy.deepcopy(data)
    for m in mutations:
        nodes = list(_nodes(data))[1:]
        if not nodes:
            break
        path, node = nodes[min(int(m.at * len(nodes)), len(nodes) - 1)]
        parent = _parent(data, path)
        key = path[-1]
        if m.op == "set":
            parent[key] = copy.deepcopy(VALUES[m.value % len(VALUES)])
        elif m.op == "set-same-type":
            parent[key] = _same_type(node, m.value)
        elif m.op == "drop":
            del parent[key]
        elif m.op == "duplicate-item" and isinstance(parent, list):
            parent.insert(key, copy.deepcopy(node))
        elif m.op == "copy-node":
            source = nodes[min(int(m.other * len(nodes)), len(nodes) - 1)][1]
            parent[key] = copy.deepcopy(source)
        elif m.op == "swap-ids":
            ids = [n for p, n in nodes if p and p[-1] == "id" and isinstance(n, str)]
            if ids and isinstance(node, str):
                parent[key] = ids[m.value % len(ids)]
    return data


def dump(data: Any, flow: bool = False) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=flow,
                          width=10_000)


def random_text_mutations(rng: random.Random, count: int) -> list[TextMutation]:
    return [TextMutation(rng.choice(TEXT_OPS), rng.random(), rng.randrange(1000), rng.random())
            for _ in range(count)]


def random_tree_mutations(rng: random.Random, count: int) -> list[TreeMutation]:
    return [TreeMutation(rng.choice(TREE_OPS), rng.random(), rng.randrange(1000), rng.random())
            for _ in range(count)]


def random_mutant(text: str, rng: random.Random) -> bytes:
    """One mutant of a pack's text: structure changes, then text changes, then an encoding
    (each half of the time), at least one change in all."""
    changed = text
    if rng.random() < 0.6:
        data = yaml.safe_load(text)
        changed = dump(mutate_tree(data, random_tree_mutations(rng, rng.randint(1, 4))),
                       flow=rng.random() < 0.2)
    if changed == text or rng.random() < 0.5:
        changed = mutate_text(changed, random_text_mutations(rng, rng.randint(1, 3)))
    encoding = rng.choice(ENCODINGS) if rng.random() < 0.1 else "utf-8"
    return encode(changed, encoding)
