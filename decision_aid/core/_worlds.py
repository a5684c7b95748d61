"""Search the answers a topic allows, for the engine, the linter and the tests.

A search node is a state whose question slots are narrowed (core/_facts.py): a single
question to a subset of its options, a multi-choice question to the options certainly
and possibly chosen. Three-valued evaluation prunes: as soon as the goal is false the
branch is dropped; as soon as it is true every answer the node allows is a witness.
Otherwise the search splits one slot in two, so that some unknown leaf of the goal gets
decided: a single question by the leaf's options against the rest, a multi-choice
question one option at a time (chosen or not), never by listing every subset.

Work is counted, never timed: every node visited spends, from a `Budget`, the number of
condition nodes it evaluates (the state's relevance and derived facts, then the goal).
The engine gives one budget to a whole step (core/_settle.py). The decisions check has
its own search for "which rule holds first" (core/_reach.py), counted the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from decision_aid.core._compile import Cond, State, option_classes, split
from decision_aid.core._compiled import CompiledTopic, compiled
from decision_aid.core._conditions import Truth
from decision_aid.core._model import Topic

BUDGET = 1_000_000
"""Work (condition nodes evaluated) one search of the linter may do."""


class BudgetExceeded(Exception):
    """The work budget ran out before the search finished."""


class Budget:
    """Work allowed for one piece of analysis, in condition nodes evaluated; work spent
    here is spent from `parent` too (e.g. one search's budget within a whole check's)."""

    __slots__ = ("limit", "parent", "spent")

    def __init__(self, limit: int, parent: Budget | None = None) -> None:
        self.limit = limit if parent is None else min(limit, parent.left)
        self.parent = parent
        self.spent = 0

    def spend(self, units: int = 1) -> None:
        self.spent += units
        if self.parent is not None:
            self.parent.spent = min(self.parent.limit, self.parent.spent + units)
        if self.spent > self.limit:
            self.spent = self.limit
            raise BudgetExceeded

    @property
    def left(self) -> int:
        return self.limit - self.spent


@dataclass(frozen=True, slots=True)
class Goal:
    """What a search looks for: a three-valued test, the conditions it reads, most
    decisive first (the search branches on what they still need), and the condition
    nodes one test evaluates at most."""

    fn: Callable[[State], Truth]
    focus: tuple[Cond, ...]
    cost: int = 1


@dataclass(frozen=True, slots=True)
class Witness:
    answers: dict[str, Any]

    def describe(self) -> str:
        parts = []
        for qid, value in self.answers.items():
            shown = "+".join(sorted(value)) or "none" if isinstance(value, frozenset) else value
            parts.append(f"{qid}={shown}")
        return ", ".join(parts) or "no answers at all"


class WorldSearch:
    """Finds answers that make a goal hold, for one topic."""

    def __init__(self, topic: Topic | CompiledTopic, budget: int = BUDGET) -> None:
        self.form = topic if isinstance(topic, CompiledTopic) else compiled(topic)
        self.budget = budget
        layout = self.form.layout
        self._order = [layout.index[q] for q in self.form.order]

    def find(self, goal: Goal, base: State | None = None, budget: Budget | None = None
             ) -> Witness | None:
        """A witness that `goal` can hold, keeping what `base` already narrows (default:
        nothing answered), or None. Raises BudgetExceeded when `budget` (default: a fresh
        one of `self.budget` visits) runs out first."""
        found = self.narrow(goal, base, budget)
        if found is None:
            return None
        return Witness(self.form.layout.answers_of(self.form.evaluate(found)))

    def narrow(self, goal: Goal, base: State | None = None, budget: Budget | None = None
               ) -> State | None:
        """Like `find`, but the narrowed question slots themselves."""
        start = list(base) if base is not None else self.form.layout.base()
        return self._search(goal, start, budget or Budget(self.budget))

    def _search(self, goal: Goal, base: State, budget: Budget) -> State | None:
        budget.spend(self.form.eval_cost + goal.cost)
        s = self.form.evaluate(base)
        truth = goal.fn(s)
        if truth is True:
            return base.copy()
        if truth is False:
            return None
        slot, mask = self._branch_on(goal.focus, s)
        old = base[slot]
        for value in self._halves(slot, old, mask):
            base[slot] = value
            found = self._search(goal, base, budget)
            if found is not None:
                base[slot] = old
                return found
        base[slot] = old
        return None

    def _branch_on(self, focus: Sequence[Cond], s: State) -> tuple[int, int]:
        for cond in focus:
            found = split(cond, s)
            if found is not None:
                return found
        slots = self.form.layout.slots
        for i in self._order:  # pragma: no cover - the focus names what the goal reads
            slot = slots[i]
            value = s[i]
            if value == slot.na:
                continue
            if slot.kind == "multi":
                undecided = value >> slot.width & ~value & slot.full
                if undecided:
                    return i, undecided & -undecided
            elif (options := value & slot.full) & (options - 1):
                return i, options & -options
        raise AssertionError("the goal is unknown with every question answered")

    def _halves(self, i: int, value: int, mask: int) -> tuple[int, ...]:
        slot = self.form.layout.slots[i]
        if slot.kind == "multi":  # `mask` is one option: chosen, or not
            halves = (slot.narrow(value, chosen=mask), slot.narrow(value, dropped=mask))
            return tuple(v for v in halves if v is not None)
        return tuple(v for v in (value & mask, value & ~mask) if v)


def answer_values(topic: Topic) -> dict[str, list[Any]]:
    """Every answer of each question that some condition can tell apart, for drawing the
    interview: each option of a single question; for a multi-choice question none, one
    or all of each class of options read alike (never an exclusive one with another).
    Unlike the search, this lists combinations, so it is for small drawings only."""
    form = compiled(topic)
    out: dict[str, list[Any]] = {}
    conds = list(form.conditions())
    for slot in form.layout.slots[: form.layout.questions]:
        if slot.kind != "multi":
            out[slot.fact] = list(slot.options)
            continue
        values = [0]
        for members in option_classes(conds, slot.index, slot.exclusive):
            one = members & -members
            picks = {0, one, members}
            values = [v | p for v in values for p in picks
                      if not (v | p) & slot.exclusive or not (v | p) & ((v | p) - 1)]
        out[slot.fact] = [frozenset(slot.values(v)) for v in values]
    return out


# -- goals ---------------------------------------------------------------------------------------
def holds(form: CompiledTopic, k: int, want: bool = True) -> Goal:
    """Goal: rule k holds (or, with want=False, fails)."""
    rule = form.rules[k]
    fn = rule.fn
    if fn is None:
        return Goal(lambda s: want, ())
    cond = rule.cond
    assert cond is not None
    if want:
        return Goal(fn, (cond,), cond.size)
    return Goal(lambda s: None if (v := fn(s)) is None else not v, (cond,), cond.size + 1)


__all__ = [
    "BUDGET",
    "Budget",
    "BudgetExceeded",
    "Goal",
    "Witness",
    "WorldSearch",
    "answer_values",
    "holds",
]
