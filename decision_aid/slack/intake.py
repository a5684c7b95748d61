"""Free text to a start: the core's PHI guard first, then routing, then answers to confirm.

Temporary bridge: the core is gaining one `intake()` for every face (issue 7). Until it
lands this calls the public `core.phi` and `core.routing` the same way the terminal does;
the Slack face renders what comes back and keeps nothing of the text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from decision_aid.core import (
    Answer,
    KnowledgeBase,
    Question,
    QuestionKind,
    Session,
    SessionError,
    Topic,
    answer,
    start,
)
from decision_aid.core.routing import Prefill


@dataclass(frozen=True, slots=True)
class Refusal:
    message: str


@dataclass(frozen=True, slots=True)
class Prefilled:
    question: Question
    answer: Answer
    line: str


@dataclass(frozen=True, slots=True)
class Candidate:
    topic: Topic
    score: float
    prefill: tuple[Prefilled, ...]


@dataclass(frozen=True, slots=True)
class Routed:
    candidates: tuple[Candidate, ...]
    confident: bool


def intake(kb: KnowledgeBase, text: str) -> Refusal | Routed:
    from decision_aid.core import phi, routing

    if not text.strip():
        return Routed((), False)
    report = phi.scan(text)
    if report.flagged:
        return Refusal(report.warning())
    matches = routing.route(kb, text)
    candidates = tuple(Candidate(m.topic, m.score, _grouped(m.topic, m.prefill))
                       for m in matches)
    return Routed(candidates, routing.confident(matches))


def _grouped(topic: Topic, prefill: Sequence[Prefill]) -> tuple[Prefilled, ...]:
    values: dict[str, list[str]] = {}
    for item in prefill:
        question = topic.question(item.question)
        if question is None or item.option not in question.option_ids:
            continue
        held = values.setdefault(item.question, [])
        if item.option not in held and (question.kind is QuestionKind.MULTI or not held):
            held.append(item.option)
    out = []
    for question in topic.questions:
        if question.id in values:
            picked = values[question.id]
            value: Answer = (tuple(o for o in question.option_ids if o in picked)
                             if question.kind is QuestionKind.MULTI else picked[0])
            labels = ", ".join(o.label for o in question.options if o.id in picked)
            out.append(Prefilled(question, value, f"{question.prompt} — {labels}"))
    return tuple(out)


def begin(kb: KnowledgeBase, candidate: Candidate, *, prefill: bool = True) -> Session:
    session = start(kb, candidate.topic.id)
    for item in candidate.prefill if prefill else ():
        try:
            session = answer(kb, session, item.question.id, item.answer)
        except SessionError:
            continue
    return session
