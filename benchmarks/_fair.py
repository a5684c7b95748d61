"""The hand-written baselines for bench_engine.py: the demo topic's decision by hand.

`fair_decide` makes the same decision as the engine: three-valued, relevance included,
returning the winner or the first rule still undecided; bench_engine.py checks it
against the engine on every answer set a session can hold before timing anything.
`naive_decide` is the old baseline (complete answers only, two-valued, no relevance),
kept to show how unfair it was.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import combinations, product
from typing import Any

from decision_aid.core import KnowledgeBase, Question, QuestionKind, Session, with_answers

Answers = tuple[tuple[str, Any], ...]
Decision = tuple[str | None, str | None]


def _holds(applies: bool | None, answered: bool, passes: bool) -> bool | None:
    """Three-valued truth of a test on a question's answer. `applies` is the question's
    relevance (None: not known yet); `passes` says whether the answer, if `answered`,
    passes the test. A question that does not apply fails every test; an answer that fails
    fails either way; one that passes holds once the question is known to apply."""
    if applies is False or (answered and not passes):
        return False
    if applies and answered:
        return True
    return None


def fair_decide(answers: Answers) -> Decision:
    """The demo topic's decision by hand, as the engine makes it: (winner, first undecided).

    Three-valued, relevance included: see `_holds`. Rules in priority order; the first
    that holds wins once all above it fail.
    """
    a = dict(answers)
    requester = a.get("requester")
    is_patient = None if requester is None else requester == "patient"
    platform = a.get("platform")
    personal = _holds(is_patient, platform is not None, platform == "personal")
    urgent = a.get("urgent")
    first = _holds(personal, urgent is not None, urgent == "yes")
    if first is True:
        return "urgent-first", None
    if first is None:
        return None, "urgent-first"
    if is_patient is False or personal is False:
        second: bool | None = False
    else:
        second = True if is_patient and personal else None
    if second is True:
        return "patient-personal", None
    if second is None:
        return None, "patient-personal"
    is_colleague = None if requester is None else requester == "colleague"
    signals = a.get("signals")
    answered = signals is not None
    chosen = signals or ()
    yes = maybe = 0
    for held in (_holds(is_colleague, answered, "met" in chosen),
                 _holds(is_colleague, answered, "named" in chosen),
                 _holds(is_colleague, answered, "verified" in chosen)):
        if held:
            yes += 1
        elif held is None:
            maybe += 1
    third = True if yes >= 2 else (None if yes + maybe >= 2 else False)
    if third is True:
        return "trusted-colleague", None
    if third is None:
        return None, "trusted-colleague"
    return "default", None


def naive_decide(a: Mapping[str, Any]) -> str:
    """The old baseline: complete answers only, two-valued, no relevance (not fair)."""
    if a.get("urgent") == "yes":
        return "urgent-first"
    if a.get("requester") == "patient" and a.get("platform") == "personal":
        return "patient-personal"
    signals = a.get("signals", ())
    if ("met" in signals) + ("named" in signals) + ("verified" in signals) >= 2:
        return "trusted-colleague"
    return "default"


def choices(question: Question) -> list[Any]:
    """Every answer a question allows (every valid subset for multi-choice)."""
    ids = question.option_ids
    if question.kind is not QuestionKind.MULTI:
        return list(ids)
    return [c for n in range(len(ids) + 1) for c in combinations(ids, n)
            if question.clash(c) is None]


def every_session(kb: KnowledgeBase, topic_id: str) -> list[Session]:
    """Every session a topic's answers can make: each question unanswered or answered any
    way, in pack order, with answers to questions that do not apply pruned."""
    topic = kb.topics[topic_id]
    per_question = [[None, *choices(q)] for q in topic.questions]
    seen: dict[Answers, Session] = {}
    for picked in product(*per_question):
        pairs = [(q.id, v) for q, v in zip(topic.questions, picked, strict=True)
                 if v is not None]
        session = with_answers(kb, topic_id, pairs)
        seen.setdefault(session.answers, session)
    return list(seen.values())
