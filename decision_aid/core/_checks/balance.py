"""Options shown with benefits and harms in unequal detail (IPDAS 2.1.1).

Bad — three paragraphs of harms for "accept" and three words of benefits::

    options_considered:
      - id: accept
        benefits: [Friendly.]
        harms: [A long list ..., ..., ...]

Good: say what each option offers and costs at comparable length. A topic also needs at
least two options (IPDAS 1.1.3); the schema checks that when they are given.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from decision_aid.core._model import KnowledgeBase
from decision_aid.core._problems import Problem, Severity

if TYPE_CHECKING:
    from decision_aid.core._checks import CheckContext

CODES = ("unbalanced-option", "no-options")
MAX_RATIO = 3.0


def check(kb: KnowledgeBase, context: CheckContext) -> Iterator[Problem]:
    for topic in kb.topics.values():
        if not topic.options_considered:
            yield Problem(topic.span, "no-options",
                          f"topic '{topic.id}' lists no options_considered",
                          "list what the user can do, with benefits and harms",
                          Severity.WARNING)
        for option in topic.options_considered:
            pros = sum(len(t) for t in option.benefits)
            cons = sum(len(t) for t in option.harms)
            if max(pros, cons) > MAX_RATIO * max(1, min(pros, cons)):
                more = "harms" if cons > pros else "benefits"
                yield Problem(topic.span, "unbalanced-option",
                              f"option '{option.id}' of '{topic.id}' describes its {more} in "
                              f"far more detail ({pros} vs {cons} characters)",
                              "show benefits and harms in comparable detail",
                              Severity.WARNING)
