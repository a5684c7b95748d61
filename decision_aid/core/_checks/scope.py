"""Outcomes that say the guidance does not cover a situation, and fallbacks that pretend it does.

A fallback rule (no `when`) holds for whatever answers nothing else matched, so it can never
be a specific finding: it must say that the guidance does not address the situation
(`scope: not-covered`). Such a result gives the general principles, the safest reasonable
course and whom to ask, and is never more lenient than the riskiest plausible reading.

Bad — a fallback that reads like a finding, with no one to ask::

    - {id: default, priority: 0, verdict: acceptable, headline: This is fine., ...}

Good::

    - id: not-covered
      priority: 0
      scope: not-covered
      verdict: caution
      headline: The guidance here does not address this directly; take the careful course.
      contact: professionalism_lead
      ...
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from decision_aid.core._model import KnowledgeBase, Scope, Verdict
from decision_aid.core._problems import Problem, Severity

if TYPE_CHECKING:
    from decision_aid.core._checks import CheckContext

CODES = ("not-covered-rule",)


def check(kb: KnowledgeBase, context: CheckContext) -> Iterator[Problem]:
    for topic in kb.topics.values():
        for rule in topic.rules:
            if rule.when is None and rule.scope is not Scope.NOT_COVERED:
                yield Problem(rule.span, "not-covered-rule",
                              f"rule '{rule.id}' has no 'when', so it is a fallback, but it "
                              "reads like a specific finding",
                              "add scope: not-covered and word it as such", Severity.WARNING)
            if rule.scope is not Scope.NOT_COVERED:
                continue
            if rule.contact is None:
                yield Problem(rule.span, "not-covered-rule",
                              f"not-covered rule '{rule.id}' names no one to ask",
                              "add contact: (an id in contacts.yaml)", Severity.WARNING)
            if rule.verdict is Verdict.ACCEPTABLE:
                yield Problem(rule.span, "not-covered-rule",
                              f"not-covered rule '{rule.id}' says acceptable about a situation "
                              "the guidance does not address",
                              "use caution or avoid: never more lenient than the riskiest "
                              "plausible reading")
