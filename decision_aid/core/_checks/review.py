"""Content past its review date (IPDAS 2.2.2–2.2.3: dated, with an update policy).

Bad — `review_due: 2024-01-01` when today is later. Good: review the pack, update
`reviewed` and set the next `review_due`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from decision_aid.core._model import KnowledgeBase
from decision_aid.core._problems import Problem, Severity

if TYPE_CHECKING:
    from decision_aid.core._checks import CheckContext

CODES = ("review-overdue", "no-review-due")


def check(kb: KnowledgeBase, context: CheckContext) -> Iterator[Problem]:
    for topic in kb.topics.values():
        if topic.review_due is None:
            yield Problem(topic.span, "no-review-due",
                          f"topic '{topic.id}' has no review_due date",
                          "add review_due: YYYY-MM-DD", Severity.WARNING)
            continue
        try:
            due = date.fromisoformat(topic.review_due)
        except ValueError:
            continue
        if due < context.today:
            yield Problem(topic.span, "review-overdue",
                          f"topic '{topic.id}' was due for review on {topic.review_due}",
                          "review it, then update reviewed and review_due", Severity.WARNING)
