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

from decision_aid.core._model import KnowledgeBase, Rule, Topic
from decision_aid.core._problems import Problem, Severity, Span
from decision_aid.core._worlds import (
    BudgetExceeded,
    WorldSearch,
    both_win,
    focus,
    none_holds,
    wins,
)

if TYPE_CHECKING:
    from decision_aid.core._checks import CheckContext

CODES = ("unreachable-rule", "rule-conflict", "uncovered-answers", "analysis-incomplete")


def check(kb: KnowledgeBase, context: CheckContext) -> Iterator[Problem]:
    for topic in kb.topics.values():
        yield from _topic(topic)


def _incomplete(span: Span, what: str) -> Problem:
    return Problem(span, "analysis-incomplete", f"{what} has too many answer combinations to "
                   "check fully", "simplify its conditions or split the topic",
                   Severity.WARNING)


def _topic(topic: Topic) -> Iterator[Problem]:
    search = WorldSearch(topic)
    rules = topic.rules
    for rule in rules:
        try:
            if search.find(wins(rules, rule), focus=focus(rule, *rules)) is None:
                yield _unreachable(search, rules, rule)
        except BudgetExceeded:
            yield _incomplete(rule.span, f"whether rule '{rule.id}' can decide")
    by_priority: dict[int, list[Rule]] = {}
    for rule in rules:
        by_priority.setdefault(rule.priority, []).append(rule)
    for group in by_priority.values():
        for a, b in combinations(group, 2):
            if a.verdict == b.verdict:
                continue
            try:
                witness = search.find(both_win(rules, a, b), focus=focus(a, b, *rules))
            except BudgetExceeded:
                yield _incomplete(b.span, f"a clash between rules '{a.id}' and '{b.id}'")
                continue
            if witness is not None:
                yield Problem(b.span, "rule-conflict",
                              f"rules '{a.id}' ({a.verdict}) and '{b.id}' ({b.verdict}) have "
                              f"priority {a.priority} and both hold for {witness.describe()}",
                              "give one of them a higher priority")
    try:
        witness = search.find(none_holds(rules), focus=focus(*rules))
    except BudgetExceeded:
        yield _incomplete(topic.span, f"whether every answer of topic '{topic.id}' is covered")
        return
    if witness is not None:
        yield Problem(topic.span, "uncovered-answers",
                      f"no rule of topic '{topic.id}' holds for {witness.describe()}",
                      "add a fallback rule without 'when' at priority 0")


def _unreachable(search: WorldSearch, rules: tuple[Rule, ...], rule: Rule) -> Problem:
    alone = search.find(wins((rule,), rule), focus=focus(rule))
    if alone is None:
        return Problem(rule.span, "unreachable-rule",
                       f"rule '{rule.id}' can never decide: its condition can never hold",
                       "check the condition for contradictions")
    return Problem(rule.span, "unreachable-rule",
                   f"rule '{rule.id}' can never decide: rules of higher priority always "
                   "decide first", "raise its priority or narrow the rules above it")
