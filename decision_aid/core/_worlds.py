"""Search the space of possible answers, for the linter and the tests.

A *world* assigns every question an answer or leaves it out because it does not apply.
The search assigns questions in relevance order and prunes with three-valued evaluation:
as soon as the goal is false the branch is dropped; as soon as it is true the partial
answers are a witness (every completion satisfies it). Multi-choice questions are
reduced to the option subsets that conditions can tell apart.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from graphlib import CycleError, TopologicalSorter
from itertools import product
from typing import Any

from decision_aid.core._conditions import Condition, Node, Truth
from decision_aid.core._facts import Facts, PerTopic, TopicIndex, index_of, open_questions
from decision_aid.core._model import Question, QuestionKind, Rule, Topic

Goal = Callable[[Facts], Truth]
Answers = dict[str, Any]
BUDGET = 50_000


class BudgetExceeded(Exception):
    """The search visited more than its budget of partial worlds."""


@dataclass(frozen=True, slots=True)
class Witness:
    answers: dict[str, Any]

    def describe(self) -> str:
        parts = []
        for qid, value in self.answers.items():
            shown = "+".join(sorted(value)) or "none" if isinstance(value, frozenset) else value
            parts.append(f"{qid}={shown}")
        return ", ".join(parts) or "no answers at all"


def relevance_order(topic: Topic) -> list[str]:
    """Question ids so that a question comes after those its relevance reads.

    Raises graphlib.CycleError when relevance conditions depend on each other in a circle.
    """
    index = index_of(topic)
    sorter: TopologicalSorter[str] = TopologicalSorter()
    for q in topic.questions:
        deps = _question_deps(index, q)
        sorter.add(q.id, *deps)
    order = list(sorter.static_order())
    position = {q.id: i for i, q in enumerate(topic.questions)}
    # keep pack order where relevance allows: stable re-sort by (depth, position)
    depth: dict[str, int] = {}
    for qid in order:
        deps = _question_deps(index, index.questions[qid])
        depth[qid] = 1 + max((depth[d] for d in deps), default=-1)
    return sorted(order, key=lambda q: (depth[q], position[q]))


def _question_deps(index: TopicIndex, q: Question) -> set[str]:
    """Questions whose answers decide whether `q` applies (through derived facts)."""
    if q.relevant is None:
        return set()
    reads = index.depends_on(q.relevant.fact_ids(), through_relevance=False)
    return {fact for fact in reads if fact in index.questions}


def _leaves(node: Node) -> Iterator[Node]:
    if node.kind == "leaf":
        yield node
    for child in node.children:
        yield from _leaves(child)


def _all_leaves(topic: Topic) -> list[Node]:
    roots = [r.when.root for r in topic.rules if r.when is not None]
    roots += [q.relevant.root for q in topic.questions if q.relevant is not None]
    roots += [c.root for d in topic.derived for c in d.conditions]
    return [leaf for root in roots for leaf in _leaves(root)]


def multi_choices(question: Question, leaves: list[Node]) -> list[frozenset[str]]:
    """Option subsets that differ in what some condition can observe.

    Options read by exactly the same leaves are interchangeable; per such class only
    "none", "one member" and "all members" can differ.
    """
    mine = [leaf for leaf in leaves if leaf.fact == question.id]
    classes: dict[tuple[bool, ...], list[str]] = {}
    for option in question.option_ids:
        signature = tuple(
            option == leaf.operand if isinstance(leaf.operand, str) else option in leaf.operand
            for leaf in mine
        )
        classes.setdefault(signature, []).append(option)
    per_class: list[list[frozenset[str]]] = []
    for signature, members in classes.items():
        if not any(signature):
            per_class.append([frozenset()])
            continue
        picks = {frozenset(), frozenset(members[:1]), frozenset(members)}
        per_class.append(sorted(picks, key=len))
    combos = (frozenset().union(*combo) for combo in product(*per_class))
    return [c for c in combos if question.clash(c) is None]


class WorldSearch:
    """Finds answers that make a goal hold, for one topic."""

    def __init__(self, topic: Topic, budget: int = BUDGET) -> None:
        self.topic = topic
        self.index = index_of(topic)
        self.order = relevance_order(topic)
        leaves = _all_leaves(topic)
        self.values: dict[str, list[Any]] = {}
        for q in topic.questions:
            if q.kind is QuestionKind.MULTI:
                self.values[q.id] = list(multi_choices(q, leaves))
            else:
                self.values[q.id] = list(q.option_ids)
        self.budget = budget

    def find(self, goal: Goal, fixed: Answers | None = None,
             focus: Sequence[Condition] = ()) -> Witness | None:
        """A witness that `goal` can hold (keeping the `fixed` answers), or None.

        `focus` lists the conditions the goal reads, most decisive first: the search
        branches on a question they still need, so it stays small on large packs. The
        visit budget is per call, so one instance can serve several threads.
        """
        budget = [self.budget]
        found = self._search(goal, dict(fixed or {}), tuple(focus), budget)
        return Witness(found) if found is not None else None

    def _search(self, goal: Goal, answers: Answers, focus: tuple[Condition, ...],
                budget: list[int]) -> Answers | None:
        budget[0] -= 1
        if budget[0] < 0:
            raise BudgetExceeded
        facts = Facts(self.index, answers)
        truth = goal(facts)
        if truth is True:
            return dict(answers)
        if truth is False:
            return None
        qid = self._branch_on(facts, answers, focus)
        if qid is None:  # pragma: no cover - with every question assigned the goal is known
            return None
        for value in self.values[qid]:
            answers[qid] = value
            found = self._search(goal, answers, focus, budget)
            del answers[qid]
            if found is not None:
                return found
        return None

    def _branch_on(self, facts: Facts, answers: Answers, focus: tuple[Condition, ...]
                   ) -> str | None:
        for condition in focus:
            if condition.root.fn(facts) is None:
                for qid in open_questions(condition.root, facts, self.index, askable_only=True):
                    if qid not in answers:
                        return qid
        for qid in self.order:
            if qid not in answers and facts.relevance(qid) is not False:
                return qid
        return None


search_for: PerTopic[WorldSearch] = PerTopic(lambda topic: WorldSearch(topic, budget=20_000))
"""A shared search per topic for the engine; its visit budget is per call, so threads may
share it."""


def focus(*rules: Rule) -> tuple[Condition, ...]:
    """The conditions of these rules, for `WorldSearch.find(focus=...)`."""
    return tuple(r.when for r in rules if r.when is not None)


def wins(rules: tuple[Rule, ...], target: Rule) -> Goal:
    """Goal: `target` is the rule the engine would pick."""
    before = rules[: rules.index(target)]
    return _first_true(before, [target])


def both_win(rules: tuple[Rule, ...], a: Rule, b: Rule) -> Goal:
    """Goal: `a` and `b` both hold and no rule before either of them holds."""
    before = rules[: min(rules.index(a), rules.index(b))]
    return _first_true(before, [a, b])


def none_holds(rules: tuple[Rule, ...]) -> Goal:
    return _first_true(rules, [])


def _first_true(before: tuple[Rule, ...], must: list[Rule]) -> Goal:
    def goal(facts: Facts) -> Truth:
        unknown = False
        for rule in must:
            v = True if rule.when is None else rule.when(facts)
            if v is False:
                return False
            if v is None:
                unknown = True
        for rule in before:
            v = True if rule.when is None else rule.when(facts)
            if v is True:
                return False
            if v is None:
                unknown = True
        return None if unknown else True

    return goal


__all__ = [
    "BudgetExceeded",
    "CycleError",
    "Witness",
    "WorldSearch",
    "both_win",
    "none_holds",
    "relevance_order",
    "search_for",
    "wins",
]
