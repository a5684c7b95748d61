"""Facts that depend on themselves.

Bad — `a` is derived from `b` and `b` from `a`; or question `x` is asked only when `y`
is answered and `y` only when `x` is::

    derived:
      - {id: a, when: {fact: b, is: yes}}
      - {id: b, when: {fact: a, is: yes}}

Good: derive facts from questions, and let relevance point back to earlier questions.
"""

from __future__ import annotations

from collections.abc import Iterator
from graphlib import CycleError, TopologicalSorter
from typing import TYPE_CHECKING

from decision_aid.core._model import KnowledgeBase, Topic
from decision_aid.core._problems import Problem

if TYPE_CHECKING:
    from decision_aid.core._checks import CheckContext

CODES = ("derived-cycle", "relevance-cycle")


def check(kb: KnowledgeBase, context: CheckContext) -> Iterator[Problem]:
    for topic in kb.topics.values():
        yield from _derived(topic)
        yield from _relevance(topic)


def _derived(topic: Topic) -> Iterator[Problem]:
    ids = {d.id for d in topic.derived}
    sorter: TopologicalSorter[str] = TopologicalSorter()
    for d in topic.derived:
        sorter.add(d.id, *(f for c in d.conditions for f in c.fact_ids() if f in ids))
    try:
        sorter.prepare()
    except CycleError as exc:
        cycle = list(dict.fromkeys(exc.args[1]))
        first = next(d for d in topic.derived if d.id == cycle[0])
        yield Problem(first.span, "derived-cycle",
                      "derived facts depend on each other in a circle: " + " → ".join(
                          [*cycle, cycle[0]]), "derive one of them from questions only")


def _relevance(topic: Topic) -> Iterator[Problem]:
    from decision_aid.core._compiled import relevance_order

    try:
        relevance_order(topic)
    except CycleError as exc:
        cycle = list(dict.fromkeys(exc.args[1]))
        first = next(q for q in topic.questions if q.id == cycle[0])
        yield Problem(first.span, "relevance-cycle",
                      "questions are relevant only after each other: " + " → ".join(
                          [*cycle, cycle[0]]), "make one of them always relevant")
