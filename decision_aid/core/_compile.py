"""Compile condition trees into closures over a topic's state (see core/_facts.py).

A compiled node (`Cond`) keeps its closure and what the engine and the world search must
know to look inside it: the slot and bits a leaf reads, the relevance of its question,
the conditions of a derived fact. No code is generated: every closure is one of a few
fixed shapes filled in with integer masks (core/_closures.py).

Each rule is also classified once, here:
* *exact*: three-valued evaluation is already the truth over every way the open answers
  can go (the condition is unate: no answer is read both ways), so no search is needed;
* *read once*: moreover no answer is read twice, so every open question under an
  unknown part can change the outcome.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import pairwise
from typing import Any

from decision_aid.core import _closures as make
from decision_aid.core._closures import Fn, Has, State, Test
from decision_aid.core._conditions import Node
from decision_aid.core._facts import NO, YES, Slot


class Cond:
    """A compiled condition node."""

    __slots__ = ("_fn", "children", "has", "kind", "mask", "multi", "rel", "sign", "size",
                 "slot", "test", "width")

    def __init__(self, kind: str, fn: Fn | None, children: tuple[Cond, ...] = (), *,
                 slot: int = -1,
                 mask: int = 0, width: int = 0, multi: bool = False, rel: Cond | None = None,
                 sign: int = 1, test: Test | None = None, has: Has | None = None) -> None:
        self.kind = kind  # leaf (a question) | fact (a derived fact) | all | any | not | at_least
        self._fn = fn  # None for a single-choice leaf until asked for (see `fn`)
        self.children = children  # for `fact`: the derived fact's conditions
        self.slot = slot
        self.mask = mask  # single: the options the leaf accepts; multi: the options it reads
        self.width = width  # the question's number of options
        self.multi = multi
        self.rel = rel  # the relevance of a leaf's question, if it has one
        self.sign = sign  # `fact`: 1 if it holds when its conditions do, -1 if when they
        #                   do not, 0 if both (a count compared for equality)
        self.test = test  # a single-choice (or true/false fact) leaf's (slot, accepts, rejects)
        self.has = has  # a `has`/`has_any` leaf's (slot, options, may bits, na bit)
        # nodes its closure evaluates (a derived fact's conditions are evaluated once per
        # state, not per leaf): the unit in which work is counted
        self.size: int = 1 if kind in ("leaf", "fact") else 1 + sum(c.size for c in children)

    @property
    def fn(self) -> Fn:
        """Its closure. A single-choice leaf makes it when first asked: most such leaves
        are inlined in their parent's closure, and a large pack has many (each closure is
        one more object for the garbage collector to scan while loading)."""
        fn = self._fn
        if fn is None:
            assert self.test is not None
            fn = self._fn = make.single(*self.test)
        return fn


class Compiler:
    """Compiles the conditions of one topic; relevance and derived facts first."""

    def __init__(self, slots: Sequence[Slot], index: dict[str, int]) -> None:
        self.slots = slots
        self.index = index
        self.relevance: dict[int, Cond] = {}
        self.derived: dict[int, tuple[Cond, ...]] = {}

    def compile(self, node: Node) -> Cond:
        kind = node.kind
        if kind == "leaf":
            return self._leaf(node)
        children = tuple(self.compile(c) for c in node.children)
        tests = tuple(c.test for c in children if c.test is not None)
        if len(tests) == len(children) and kind in ("all", "any"):
            inline = make.all_tests(tests) if kind == "all" else make.any_tests(tests)
            return Cond(kind, inline, children)
        fns = tuple(c.fn for c in children)
        if kind == "not":
            return Cond(kind, make.negate(fns[0]), children)
        if kind == "all":
            return Cond(kind, make.all_of(fns), children)
        if kind == "any":
            return Cond(kind, make.any_of(fns), children)
        return Cond(kind, make.at_least(int(node.operand), fns), children)

    def _leaf(self, node: Node) -> Cond:
        assert node.fact is not None and node.op is not None
        if node.fact not in self.index:  # a fact dropped for its own problems
            return Cond("fact", lambda s: None)
        slot = self.slots[self.index[node.fact]]
        i, op, operand = slot.index, node.op, node.operand
        if slot.kind == "count":
            sign = 1 if op in ("gt", "gte") else (-1 if op in ("lt", "lte") else 0)
            return Cond("fact", make.count(i, op, int(operand)), self.derived.get(i, ()),
                        slot=i, sign=sign)
        bits = slot.bits or {}
        chosen = 0
        for option in (operand,) if isinstance(operand, str) else operand:
            chosen |= bits[option]
        if slot.kind == "multi":
            if op == "has_all" and chosen & (chosen - 1):
                return Cond("leaf", make.has_all(i, chosen, slot.width, slot.na), slot=i,
                            mask=chosen, width=slot.width, multi=True,
                            rel=self.relevance.get(i))
            has = (i, chosen, chosen << slot.width, slot.na)
            return Cond("leaf", make.has_any(i, chosen, slot.width, slot.na), slot=i,
                        mask=chosen, width=slot.width, multi=True, rel=self.relevance.get(i),
                        has=has)
        accepts = chosen if op in ("is", "in") else slot.full & ~chosen
        test = (i, accepts, (slot.full | slot.na) & ~accepts)
        if slot.kind == "bool":
            sign = 1 if accepts == YES else (-1 if accepts == NO else 0)
            return Cond("fact", None, self.derived.get(i, ()), slot=i, mask=accepts,
                        sign=sign, test=test)
        return Cond("leaf", None, slot=i, mask=accepts, width=slot.width,
                    rel=self.relevance.get(i), test=test)


# -- looking inside ------------------------------------------------------------------------------
def open_slots(cond: Cond, s: State, *, askable: bool) -> Iterator[int]:
    """Question slots still open under the unknown parts of `cond`.

    With `askable`, a question whose relevance is still unknown yields the questions its
    relevance reads instead (they must be asked first).
    """
    if cond.fn(s) is not None:
        return
    if cond.kind != "leaf":
        for child in cond.children:
            yield from open_slots(child, s, askable=askable)
        return
    if cond.rel is not None and cond.rel.fn(s) is None:
        yield from open_slots(cond.rel, s, askable=askable)
        if askable:
            return
    if is_open(cond, s[cond.slot]):
        yield cond.slot


def is_open(cond: Cond, value: int) -> bool:
    """Whether the question a leaf reads can still take more than one value."""
    full = (1 << cond.width) - 1
    if cond.multi:
        return value & full != value >> cond.width & full
    options = value & full
    return options & (options - 1) != 0


def split(cond: Cond, s: State) -> tuple[int, int] | None:
    """(slot, mask) to branch on so that some unknown part of `cond` gets decided.

    Single choice: the leaf's accepted options against the rest. Multi-choice: one
    option the leaf reads that is neither certainly chosen nor certainly left out.
    """
    if cond.fn(s) is not None:
        return None
    if cond.kind == "leaf":
        if cond.rel is not None and cond.rel.fn(s) is None:
            return split(cond.rel, s)
        if cond.multi:
            value = s[cond.slot]
            undecided = value >> cond.width & ~value & cond.mask
            return cond.slot, undecided & -undecided
        return cond.slot, cond.mask
    for child in cond.children:
        found = split(child, s)
        if found is not None:
            return found
    return None


def option_classes(conds: Iterable[Cond], i: int, exclusive: int = 0) -> list[int]:
    """The options of multi-choice slot `i` that `conds` read, grouped into classes they
    cannot tell apart (read by exactly the same leaves), as masks. An `exclusive` option
    is a class of its own (it cannot be chosen with the others)."""
    leaves: list[int] = []
    stack = list(conds)
    while stack:
        node = stack.pop()
        if node.kind == "leaf" and node.slot == i:
            leaves.append(node.mask)
        stack.extend(node.children)
        if node.rel is not None:
            stack.append(node.rel)
    classes: dict[tuple[int, ...], int] = {}
    every = 0
    for mask in leaves:
        every |= mask
    while every:
        bit = every & -every
        every ^= bit
        signature = (bit if bit & exclusive else 0, *(bool(mask & bit) for mask in leaves))
        classes[signature] = classes.get(signature, 0) | bit
    return list(classes.values())


# -- classification ------------------------------------------------------------------------------
Atoms = dict[Any, tuple[int, int, int]]


def classify(cond: Cond, slots: Sequence[Slot] = ()) -> tuple[bool, bool, Atoms]:
    """(exact, read once, atoms): see the module docstring. `atoms` maps each answer the
    condition reads (a single question's slot, or (slot, option bit) of a multi-choice
    one) to the narrowest and widest sets of options it accepts there, and its polarity
    (1, -1, or 0 for both ways). Options of one question are independent unless one of
    them is exclusive: reading it beside another option of `slots` is neither."""
    found = _atoms(cond, 1)
    atoms: Atoms = {var: (accepts, accepts, sign) for var, accepts, sign in found}
    if len(atoms) == len(found) and not any(isinstance(var, tuple) for var in atoms):
        return True, True, atoms  # every answer read once: the common case
    atoms = {}
    seen: dict[Any, list[int]] = {}
    exact = True
    for var, accepts, sign in found:
        masks = seen.setdefault(var, [])
        masks.append(accepts)
        if var in atoms:
            narrow, wide, first = atoms[var]
            if sign != first or sign == 0:
                exact = False
            atoms[var] = (narrow & accepts, wide | accepts, first)
        else:
            atoms[var] = (accepts, accepts, sign)
    for masks in seen.values():
        # read again the same way, with nested accepted options (`is a` beside `in [a, b]`):
        # one answer still pushes every reading furthest each way
        masks.sort(key=int.bit_count)
        if any(a & b != a for a, b in pairwise(masks)):
            exact = False
    read_once = all(len(masks) == 1 for masks in seen.values())
    read: dict[int, int] = {}
    for var in atoms:
        if isinstance(var, tuple):
            read[var[0]] = read.get(var[0], 0) | var[1]
    for i, bits in read.items():
        if i < len(slots) and bits & slots[i].exclusive and bits & (bits - 1):
            exact = read_once = False
    return exact, read_once, atoms


def _atoms(cond: Cond, sign: int) -> list[tuple[Any, int, int]]:
    """(variable, accepted options, polarity) of every answer `cond` reads; polarity 0
    when read both ways (a count compared for equality)."""
    out: list[tuple[Any, int, int]] = []
    stack = [(cond, sign)]
    while stack:
        node, sign = stack.pop()
        kind = node.kind
        if kind == "leaf":
            if node.multi:
                rest = node.mask
                while rest:
                    bit = rest & -rest
                    rest ^= bit
                    out.append(((node.slot, bit), bit, sign))
            else:
                out.append((node.slot, node.mask, sign))
            if node.rel is not None:
                stack.append((node.rel, sign))
        elif kind == "fact":
            stack.extend((child, sign * node.sign) for child in node.children)
        else:
            inner = -sign if kind == "not" else sign
            stack.extend((child, inner) for child in node.children)
    return out


__all__ = ["Compiler", "Cond", "State", "classify", "open_slots", "option_classes", "split"]
