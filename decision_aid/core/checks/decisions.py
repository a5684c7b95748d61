"""Rules that can never decide, rules that clash, and answers no rule covers.

Found by searching the answers a topic allows (see core/worlds.py).

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

from decision_aid.core.model import KnowledgeBase, Rule, Topic
from decision_aid.core.problems import Problem, Severity
from decision_aid.core.worlds import BudgetExceeded, WorldSearch, both_win, none_holds, wins

if TYPE_CHECKING:
    from decision_aid.core.checks import CheckContext

CODES = ("unreachable-rule", "rule-conflict", "uncovered-answers", "analysis-incomplete")


def check(kb: KnowledgeBase, context: CheckContext) -> Iterator[Problem]:
    for topic in kb.topics.values():
        try:
            yield from _topic(topic)
        except BudgetExceeded:
            yield Problem(topic.span, "analysis-incomplete",
                          f"topic '{topic.id}' has too many answer combinations to check fully",
                          "split it into smaller topics", Severity.WARNING)


def _topic(topic: Topic) -> Iterator[Problem]:
    search = WorldSearch(topic)
    rules = topic.rules
    for rule in rules:
        if search.find(wins(rules, rule)) is None:
            yield _unreachable(search, rules, rule)
    for a, b in combinations(rules, 2):
        if a.priority != b.priority or a.verdict == b.verdict:
            continue
        witness = search.find(both_win(rules, a, b))
        if witness is not None:
            second = b if rules.index(b) > rules.index(a) else a
            yield Problem(second.span, "rule-conflict",
                          f"rules '{a.id}' ({a.verdict}) and '{b.id}' ({b.verdict}) have "
                          f"priority {a.priority} and both hold for {witness.describe()}",
                          "give one of them a higher priority")
    witness = search.find(none_holds(rules))
    if witness is not None:
        yield Problem(topic.span, "uncovered-answers",
                      f"no rule of topic '{topic.id}' holds for {witness.describe()}",
                      "add a fallback rule without 'when' at priority 0")


def _unreachable(search: WorldSearch, rules: tuple[Rule, ...], rule: Rule) -> Problem:
    alone = search.find(wins((rule,), rule))
    if alone is None:
        return Problem(rule.span, "unreachable-rule",
                       f"rule '{rule.id}' can never decide: its condition can never hold",
                       "check the condition for contradictions")
    return Problem(rule.span, "unreachable-rule",
                   f"rule '{rule.id}' can never decide: rules of higher priority always "
                   "decide first", "raise its priority or narrow the rules above it")
