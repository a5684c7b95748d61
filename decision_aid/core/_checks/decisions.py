"""Rules that can never decide, rules that clash, and answers no rule covers.

Found by searching the answers a topic allows (see core/_worlds.py).

Bad — `former` can never win because `any-patient` (higher priority) always holds first::

    - {id: any-patient, priority: 90, when: {fact: requester, in: [current, former]}, ...}
    - {id: former, priority: 50, when: {fact: requester, is: former}, ...}

Bad — equal priority, both can hold, different verdicts (which one applies is luck)::

    - {id: a, priority: 10, when: {fact: platform, is: personal}, verdict: avoid, ...}
    - {id: b, priority: 10, when: {fact: requester, is: colleague}, verdict: acceptable, ...}

Good: distinct priorities where rules overlap, and a fallback rule without `when`.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations
from typing import TYPE_CHECKING

from decision_aid.core._compile import State
from decision_aid.core._compiled import CompiledTopic, compiled
from decision_aid.core._model import KnowledgeBase, Topic
from decision_aid.core._problems import Problem, Severity, Span
from decision_aid.core._reach import RuleSearch
from decision_aid.core._settle import STEP_BUDGET, StepAnalysis
from decision_aid.core._worlds import Budget, BudgetExceeded, Witness

if TYPE_CHECKING:
    from decision_aid.core._checks import CheckContext

CODES = ("unreachable-rule", "rule-conflict", "uncovered-answers", "analysis-incomplete",
         "step-over-budget")
SEARCH_BUDGET = 250_000
"""Work (condition nodes evaluated) one question of this check may take."""
TOPIC_BUDGET = 25_000_000
"""Work the whole check may take for one topic: the documented bound. Past it the check
stops with an explicit `analysis-incomplete` warning naming the first rule not checked."""


class _Stopped(Exception):
    """The topic's budget is spent."""


def check(kb: KnowledgeBase, context: CheckContext) -> Iterator[Problem]:
    for topic in kb.topics.values():
        yield from _topic(topic)
        yield from _step_budget(compiled(topic))


def _incomplete(span: Span, what: str) -> Problem:
    return Problem(span, "analysis-incomplete", f"{what} has too many answer combinations to "
                   "check fully", "simplify its conditions or split the topic",
                   Severity.WARNING)


class _Search:
    """The searches of one topic, each within its own budget and the topic's."""

    def __init__(self, form: CompiledTopic) -> None:
        self.form = form
        self.rules = RuleSearch(form)
        self.total = Budget(TOPIC_BUDGET)

    def first(self, musts: tuple[int, ...], before: int) -> State | None:
        """Raises BudgetExceeded for this search, _Stopped for the topic."""
        if self.total.left <= 0:
            raise _Stopped
        try:
            return self.rules.first(musts, before, Budget(SEARCH_BUDGET, self.total))
        except BudgetExceeded:
            if self.total.left <= 0:
                raise _Stopped from None
            raise

    def witness(self, found: State) -> str:
        return Witness(self.form.layout.answers_of(self.form.evaluate(found))).describe()


def _topic(topic: Topic) -> Iterator[Problem]:
    form = compiled(topic)
    if form.cycle is not None:
        return
    search = _Search(form)
    rules = topic.rules
    where = f"rule '{rules[0].id}'" if rules else "the topic"
    try:
        for k, rule in enumerate(rules):
            where = f"rule '{rule.id}'"
            try:
                if search.first((k,), k) is None:
                    yield _unreachable(search, k)
            except BudgetExceeded:
                yield _incomplete(rule.span, f"whether rule '{rule.id}' can decide")
        by_priority: dict[int, list[int]] = {}
        for k, rule in enumerate(rules):
            by_priority.setdefault(rule.priority, []).append(k)
        where = "the clashes of equal priority"
        for group in by_priority.values():
            for i, j in combinations(group, 2):
                a, b = rules[i], rules[j]
                if a.verdict == b.verdict:
                    continue
                try:
                    found = search.first((i, j), i)
                except BudgetExceeded:
                    yield _incomplete(b.span, f"a clash between rules '{a.id}' and '{b.id}'")
                    continue
                if found is not None:
                    yield Problem(b.span, "rule-conflict",
                                  f"rules '{a.id}' ({a.verdict}) and '{b.id}' ({b.verdict}) "
                                  f"have priority {a.priority} and both hold for "
                                  f"{search.witness(found)}", "give one of them a higher priority")
        where = "whether every answer is covered"
        try:
            found = search.first((), len(rules))
        except BudgetExceeded:
            yield _incomplete(topic.span, f"whether every answer of topic '{topic.id}' is "
                              "covered")
            return
        if found is not None:
            yield Problem(topic.span, "uncovered-answers",
                          f"no rule of topic '{topic.id}' holds for {search.witness(found)}",
                          "add a fallback rule without 'when' at priority 0")
    except _Stopped:
        yield Problem(topic.span, "analysis-incomplete",
                      f"the decisions check of topic '{topic.id}' stopped at {where}: it "
                      f"does at most {TOPIC_BUDGET:,} units of search work per topic, and "
                      "what follows was not checked",
                      "split the topic, or check it with fewer rules at a time",
                      Severity.WARNING)


def _unreachable(search: _Search, k: int) -> Problem:
    rule = search.form.rules[k].rule
    try:
        alone = search.first((k,), 0)
    except BudgetExceeded:
        alone = None
    if alone is None:
        return Problem(rule.span, "unreachable-rule",
                       f"rule '{rule.id}' can never decide: its condition can never hold",
                       "check the condition for contradictions")
    return Problem(rule.span, "unreachable-rule",
                   f"rule '{rule.id}' can never decide: rules of higher priority always "
                   "decide first", "raise its priority or narrow the rules above it")


def _step_budget(form: CompiledTopic) -> Iterator[Problem]:
    """Rules whose analysis would not fit in one interview step's budget.

    Only rules that three-valued logic cannot decide exactly need a search in the
    interview (core/_settle.py); each is analysed here where its search is widest, before
    any answer: can it still hold, can it still fail, and which question can decide it.
    """
    base = form.layout.base()
    for rule in form.rules:
        if rule.exact or rule.cond is None:
            continue
        step = StepAnalysis(form, base, Budget(STEP_BUDGET))
        if step.settle(rule, base) is None and not step.cut_short:
            step.question_for(rule)
        if step.cut_short:
            yield Problem(rule.rule.span, "step-over-budget",
                          f"the interview cannot settle rule '{rule.rule.id}' within its "
                          f"budget ({STEP_BUDGET:,} units of search work), so it may ask questions "
                          "that cannot change the result",
                          "read each answer one way only: a condition such as "
                          "any: [P, {not: P}] can only be settled by a search",
                          Severity.WARNING)
