"""The condition language: YAML mappings → an AST, checked as it is built.

The YAML node *is* the tree, so there is no lexer. Every leaf is checked against the
topic's questions and derived facts while it is built: unknown facts, unknown options and
operators that do not fit the kind of question are load-time problems, never run-time ones.
The tree is data; core/_compile.py turns it into closures over a topic's compiled state,
where evaluation is three-valued: True, False, or None for "unknown yet".
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from decision_aid.core._problems import Problem, did_you_mean
from decision_aid.core._yamlsafe import Document, Path_

Truth = bool | None

EQUALITY_OPS = ("is", "is_not", "in", "not_in")
MEMBER_OPS = ("has", "has_any", "has_all")
NUMBER_OPS = ("eq", "gt", "gte", "lt", "lte")
LEAF_OPS = EQUALITY_OPS + MEMBER_OPS + NUMBER_OPS
BRANCH_KEYS = ("all", "any", "not", "at_least")
_ALLOWED = {"single": EQUALITY_OPS, "yes_no": EQUALITY_OPS, "bool": EQUALITY_OPS,
            "multi": MEMBER_OPS, "count": NUMBER_OPS}


@dataclass(frozen=True, slots=True)
class Node:
    """A condition node as written: its kind, children and, for a leaf, fact and operator."""

    kind: str
    children: tuple[Node, ...] = ()
    fact: str | None = None
    op: str | None = None
    operand: Any = None

    def facts(self) -> Iterator[str]:
        """Every fact id this node reads, depth first, in written order."""
        if self.fact is not None:
            yield self.fact
        for child in self.children:
            yield from child.facts()


@dataclass(frozen=True, slots=True)
class Condition:
    """A condition as written: its root node. Its position is its rule's or question's
    (looking one up per condition cost a walk of the YAML tree that nothing used)."""

    root: Node

    def fact_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.root.facts()))

    def describe(self) -> str:
        return describe(self.root)


@dataclass(frozen=True, slots=True)
class FactInfo:
    """What the builder must know of a fact: its kind and, for questions, its option ids."""

    kind: str  # single | multi | yes_no | count | bool
    options: tuple[str, ...] = ()


class ConditionBuilder:
    """Builds conditions for one topic, collecting problems instead of raising."""

    def __init__(self, doc: Document, facts: Mapping[str, FactInfo]) -> None:
        self.doc = doc
        self.known = facts
        self.problems: list[Problem] = []

    def build(self, data: Any, where: Path_) -> Condition | None:
        node = self._node(data, where)
        return Condition(node) if node is not None else None

    # -- structure -------------------------------------------------------------
    def _node(self, data: Any, where: Path_) -> Node | None:
        if not isinstance(data, dict):
            self._problem(where, "condition-shape", "a condition must be a mapping",
                          "write e.g. {fact: question_id, is: option_id}")
            return None
        keys = [k for k in data if k in BRANCH_KEYS or k == "fact"]
        if len(keys) != 1:
            found = ", ".join(sorted(data)) or "nothing"
            hint = ("put each one in its own condition under all: or any:" if len(keys) > 1
                    else self._suggest_keys(data))
            self._problem(where, "condition-shape",
                          f"a condition needs exactly one of all, any, not, at_least or fact "
                          f"(found {found})", hint)
            return None
        head = keys[0]
        if head == "fact":
            return self._leaf(data, where)
        if head == "not":
            extra = set(data) - {"not"}
            if extra:
                self._unknown_keys(where, extra, ("not",))
            child = self._node(data["not"], (*where, "not"))
            if child is None:
                return None
            return Node("not", (child,))
        if head == "at_least":
            return self._at_least(data, where)
        extra = set(data) - {head}
        if extra:
            self._unknown_keys(where, extra, (head,))
        items = data[head]
        if not isinstance(items, list) or not items:
            self._problem((*where, head), "condition-shape",
                          f"'{head}' needs a non-empty list of conditions",
                          f"write {head}: [condition, ...]")
            return None
        children = [self._node(item, (*where, head, i)) for i, item in enumerate(items)]
        if any(c is None for c in children):
            return None
        built = tuple(c for c in children if c is not None)
        return Node(head, built)

    def _at_least(self, data: dict[str, Any], where: Path_) -> Node | None:
        extra = set(data) - {"at_least", "of"}
        if extra:
            self._unknown_keys(where, extra, ("at_least", "of"))
        n = data["at_least"]
        items = data.get("of")
        if not isinstance(n, int) or isinstance(n, bool) or n < 0:
            self._problem((*where, "at_least"), "bad-operand",
                          "'at_least' needs a whole number", "write at_least: 2")
            return None
        if not isinstance(items, list) or not items:
            self._problem(where, "condition-shape", "'at_least' needs 'of': a list of conditions",
                          "write {at_least: 2, of: [condition, ...]}")
            return None
        if n > len(items):
            self._problem((*where, "at_least"), "bad-operand",
                          f"at_least {n} of {len(items)} conditions can never hold",
                          f"use a number from 0 to {len(items)}")
            return None
        children = [self._node(item, (*where, "of", i)) for i, item in enumerate(items)]
        if any(c is None for c in children):
            return None
        built = tuple(c for c in children if c is not None)
        return Node("at_least", built, operand=n)

    # -- leaves ----------------------------------------------------------------
    def _leaf(self, data: dict[str, Any], where: Path_) -> Node | None:
        fact = data["fact"]
        ops = [k for k in data if k != "fact"]
        if not isinstance(fact, str):
            self._problem((*where, "fact"), "condition-shape", "'fact' must be an id",
                          "write fact: question_id")
            return None
        info = self.known.get(fact)
        if info is None:
            self._problem((*where, "fact"), "unknown-fact",
                          f"'{fact}' is not a question or derived fact of this topic",
                          did_you_mean(fact, self.known) or "declare it under questions")
            return None
        if len(ops) != 1 or ops[0] not in LEAF_OPS:
            bad = [o for o in ops if o not in LEAF_OPS]
            if bad:
                self._problem((*where, bad[0]), "unknown-operator",
                              f"'{bad[0]}' is not an operator",
                              did_you_mean(bad[0], LEAF_OPS) or "use one of " + ", ".join(LEAF_OPS))
            else:
                self._problem(where, "condition-shape",
                              f"a fact condition needs exactly one operator (found {len(ops)})",
                              "write e.g. {fact: question_id, is: option_id}")
            return None
        op = ops[0]
        operand = data[op]
        at = (*where, op)
        if not self._op_fits(fact, info, op, at):
            return None
        if op in NUMBER_OPS:
            if not isinstance(operand, int) or isinstance(operand, bool):
                self._problem(at, "bad-operand", f"'{op}' needs a whole number",
                              f"write {op}: 3")
                return None
            return Node("leaf", fact=fact, op=op, operand=operand)
        many = op in ("in", "not_in", "has_any", "has_all")
        values = operand if many else [operand]
        if many and (not isinstance(operand, list) or not operand):
            self._problem(at, "bad-operand", f"'{op}' needs a non-empty list of option ids",
                          f"write {op}: [option_a, option_b]")
            return None
        choices = info.options if info.kind != "bool" else ("yes", "no")
        ok = True
        for i, value in enumerate(values):
            vat = (*at, i) if many else at
            if not isinstance(value, str):
                self._problem(vat, "bad-operand", f"option ids are words, not {_type(value)}",
                              "write the option id, e.g. yes or current_patient")
                ok = False
            elif value not in choices:
                self._problem(vat, "unknown-option",
                              f"'{value}' is not an option of '{fact}'",
                              did_you_mean(value, choices) or
                              ("options: " + ", ".join(choices) if choices else
                               f"'{fact}' has no options yet; add them to the question"))
                ok = False
        if not ok:
            return None
        operand = frozenset(values) if many else values[0]
        return Node("leaf", fact=fact, op=op, operand=operand)

    def _op_fits(self, fact: str, info: FactInfo, op: str, at: Path_) -> bool:
        allowed = _ALLOWED[info.kind]
        if op in allowed:
            return True
        self._problem(at, "operator-kind",
                      f"'{op}' does not fit '{fact}', a {info.kind.replace('_', '/')} fact",
                      "use " + ", ".join(allowed))
        return False

    # -- problems --------------------------------------------------------------
    def _problem(self, where: Path_, code: str, message: str, hint: str | None) -> None:
        span = self.doc.key_span(where) if where and isinstance(where[-1], str) else \
            self.doc.span(where)
        if where and where[-1] in (*LEAF_OPS, "fact", "at_least"):
            span = self.doc.span(where)
        self.problems.append(Problem(span, code, message, hint))

    def _unknown_keys(self, where: Path_, extra: set[str], allowed: Sequence[str]) -> None:
        key = sorted(extra)[0]
        self.problems.append(Problem(self.doc.key_span((*where, key)), "condition-shape",
                                     f"'{key}' does not belong beside {', '.join(allowed)}",
                                     "split it into its own condition"))

    def _suggest_keys(self, data: dict[str, Any]) -> str:
        for key in data:
            hint = did_you_mean(str(key), (*BRANCH_KEYS, "fact"))
            if hint:
                return hint
        return "write e.g. {fact: question_id, is: option_id} or {all: [...]}"


def _type(value: object) -> str:
    if value is None:
        return "nothing"
    return {bool: "true/false", int: "a number", float: "a number", dict: "a mapping",
            list: "a list"}.get(type(value), "text")


# -- description (graphs, traces) -----------------------------------------------
_OP_WORDS = {"is": "=", "is_not": "≠", "in": "in", "not_in": "not in", "has": "has",
             "has_any": "has any of", "has_all": "has all of", "eq": "=", "gt": ">",
             "gte": "≥", "lt": "<", "lte": "≤"}


def describe(node: Node) -> str:
    """A short human reading of a condition, e.g. `requester in {a, b} and platform = personal`."""
    if node.kind == "leaf":
        operand = node.operand
        shown = "{" + ", ".join(sorted(operand)) + "}" if isinstance(operand, frozenset) \
            else str(operand)
        return f"{node.fact} {_OP_WORDS[node.op or 'is']} {shown}"
    if node.kind == "not":
        return f"not ({describe(node.children[0])})"
    parts = [describe(c) for c in node.children]
    if node.kind == "at_least":
        return f"at least {node.operand} of ({'; '.join(parts)})"
    joiner = " and " if node.kind == "all" else " or "
    return joiner.join(f"({p})" if " and " in p or " or " in p else p for p in parts)
