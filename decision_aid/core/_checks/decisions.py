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

from decision_aid.core._compiled import CompiledTopic, compiled
from decision_aid.core._model import KnowledgeBase, Rule, Topic
from decision_aid.core._problems import Problem, Severity, Span
from decision_aid.core._settle import STEP_BUDGET, StepAnalysis
from decision_aid.core._worlds import (
    Budget,
    BudgetExceeded,
    WorldSearch,
    both_win,
    holds,
    none_holds,
    wins,
)

if TYPE_CHECKING:
    from decision_aid.core._checks import CheckContext

CODES = ("unreachable-rule", "rule-conflict", "uncovered-answers", "analysis-incomplete",
         "step-over-budget")


def check(kb: KnowledgeBase, context: CheckContext) -> Iterator[Problem]:
    for topic in kb.topics.values():
        yield from _topic(topic)
        yield from _step_budget(compiled(topic))


def _incomplete(span: Span, what: str) -> Problem:
    return Problem(span, "analysis-incomplete", f"{what} has too many answer combinations to "
                   "check fully", "simplify its conditions or split the topic",
                   Severity.WARNING)


def _topic(topic: Topic) -> Iterator[Problem]:
    search = WorldSearch(topic)
    form = search.form
    rules = topic.rules
    for k, rule in enumerate(rules):
        try:
            if search.find(wins(form, k)) is None:
                yield _unreachable(search, form, k)
        except BudgetExceeded:
            yield _incomplete(rule.span, f"whether rule '{rule.id}' can decide")
    by_priority: dict[int, list[int]] = {}
    for k, rule in enumerate(rules):
        by_priority.setdefault(rule.priority, []).append(k)
    for group in by_priority.values():
        for i, j in combinations(group, 2):
            a, b = rules[i], rules[j]
            if a.verdict == b.verdict:
                continue
            try:
                witness = search.find(both_win(form, i, j))
            except BudgetExceeded:
                yield _incomplete(b.span, f"a clash between rules '{a.id}' and '{b.id}'")
                continue
            if witness is not None:
                yield Problem(b.span, "rule-conflict",
                              f"rules '{a.id}' ({a.verdict}) and '{b.id}' ({b.verdict}) have "
                              f"priority {a.priority} and both hold for {witness.describe()}",
                              "give one of them a higher priority")
    try:
        witness = search.find(none_holds(form))
    except BudgetExceeded:
        yield _incomplete(topic.span, f"whether every answer of topic '{topic.id}' is covered")
        return
    if witness is not None:
        yield Problem(topic.span, "uncovered-answers",
                      f"no rule of topic '{topic.id}' holds for {witness.describe()}",
                      "add a fallback rule without 'when' at priority 0")


def _unreachable(search: WorldSearch, form: CompiledTopic, k: int) -> Problem:
    rule: Rule = form.rules[k].rule
    alone = search.find(holds(form, k))
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
