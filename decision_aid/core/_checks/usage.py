"""Questions no rule needs, and topics free text cannot reach.

Bad — `platform` is asked but no rule, derived fact or relevance condition reads it::

    questions:
      - {id: platform, kind: single, ...}
    rules:
      - {id: default, priority: 0, ...}      # no `when` mentions platform

Good: delete the question, or use it in a rule's `when`. A topic without `triggers`
can be picked from the list but never found from a description (a warning).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from decision_aid.core._compiled import compiled
from decision_aid.core._model import KnowledgeBase, Topic
from decision_aid.core._problems import Problem, Severity

if TYPE_CHECKING:
    from decision_aid.core._checks import CheckContext

CODES = ("unused-question", "no-triggers")


def needed_facts(topic: Topic) -> set[str]:
    """Facts that some rule reads, directly or through derived facts and relevance."""
    reads = compiled(topic).reads
    return set().union(*reads.values()) if reads else set()


def check(kb: KnowledgeBase, context: CheckContext) -> Iterator[Problem]:
    for topic in kb.topics.values():
        needed = needed_facts(topic)
        extended = "+" in topic.version  # an overlay changed it: not the base author's error
        for q in topic.questions:
            if q.id not in needed:
                yield Problem(q.span, "unused-question",
                              f"no rule needs question '{q.id}'"
                              + (" once the overlays are applied" if extended else ""),
                              "use it in a rule's 'when' or delete it",
                              Severity.WARNING if extended else Severity.ERROR)
        if not topic.triggers:
            yield Problem(topic.span, "no-triggers",
                          f"topic '{topic.id}' has no trigger phrases",
                          "add triggers so a description can find it", Severity.WARNING)
