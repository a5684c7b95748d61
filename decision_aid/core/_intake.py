"""The one way from free text to a topic: guard, route, and answers to confirm.

    text ─ PHI scan ─┬─ looks identifying → Refusal (the kinds found and the words to say;
                     │                      never the text)
                     └─ route → Routed: ranked Candidates, a confidence flag, and per
                                candidate the answers the text states, grouped by question

Every face (terminal, Slack DMs, commands, shortcuts) calls `intake` and renders what it
returns; none scans, routes or groups prefills itself. The text is not kept: nothing
returned holds it, and the caller should drop it once this returns.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, cast

from decision_aid.core._errors import SessionError
from decision_aid.core._model import Answer, KnowledgeBase, Question, QuestionKind, Topic
from decision_aid.core._session import Session, answer, start

if TYPE_CHECKING:
    from decision_aid.core.phi import PhiFinding
    from decision_aid.core.routing import TopicMatch


class PrefillLike(Protocol):
    """An option the text states outright (routing's `Prefill`)."""

    @property
    def question(self) -> str: ...

    @property
    def option(self) -> str: ...


class MatchLike(Protocol):
    """A ranked topic with a 0-100 score (routing's `TopicMatch`)."""

    @property
    def topic(self) -> Topic: ...

    @property
    def score(self) -> float: ...

    @property
    def prefill(self) -> Sequence[PrefillLike]: ...


Router = Callable[[KnowledgeBase, str], Sequence[MatchLike]]
"""What routes text to ranked topics; `routing.route` unless a test passes another."""


@dataclass(frozen=True, slots=True)
class Refusal:
    """The text seems to identify a patient: what was found (spans, never the text) and the
    words to show."""

    findings: tuple[PhiFinding, ...]
    message: str


@dataclass(frozen=True, slots=True)
class Prefilled:
    """One question's answer read from the text, and the line that shows it for confirming."""

    question: Question
    answer: Answer
    line: str


@dataclass(frozen=True, slots=True)
class Candidate:
    """A topic the text may be about, its confidence (0-100) and the answers it states."""

    topic: Topic
    score: float
    prefill: tuple[Prefilled, ...]


@dataclass(frozen=True, slots=True)
class Routed:
    """Candidates best first (empty: nothing matched); `confident` when the best is clear
    enough that a face may skip "which topic?" and go to confirming its answers."""

    candidates: tuple[Candidate, ...]
    confident: bool

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None


def intake(kb: KnowledgeBase, text: str, *, route: Router | None = None) -> Refusal | Routed:
    """Guard and route free text; see the module docstring for the steps."""
    from decision_aid.core import phi

    if not text.strip():
        return Routed((), False)
    report = phi.scan(text)
    if report.too_long:  # refused unread: nothing was scanned, so nothing is named
        return Refusal((), kb.wording("text_too_long", limit=f"{phi.MAX_TEXT_CHARS:,}"))
    if report.flagged:
        found = ", ".join(kb.wording(f"identifiers.{kind}") for kind in report.kinds)
        return Refusal(report.findings, kb.wording("phi_warning", found=found))
    from decision_aid.core import routing

    matches = (route or cast("Router", routing.route))(kb, text)
    candidates = tuple(Candidate(m.topic, m.score, _grouped(kb, m)) for m in matches)
    confident = routing.confident(cast("Sequence[TopicMatch]", matches))
    return Routed(candidates, confident)


def _grouped(kb: KnowledgeBase, match: MatchLike) -> tuple[Prefilled, ...]:
    """Prefills by question, in the topic's question order; several options of one
    multi-choice question become one answer, a single-choice question keeps the first."""
    values: dict[str, list[str]] = {}
    for item in match.prefill:
        question = match.topic.question(item.question)
        if question is None or item.option not in question.option_ids:
            continue
        held = values.setdefault(item.question, [])
        if item.option not in held and (question.kind is QuestionKind.MULTI or not held):
            held.append(item.option)
    grouped = []
    for question in match.topic.questions:
        if question.id not in values:
            continue
        picked = values[question.id]
        value: Answer = (tuple(o for o in question.option_ids if o in picked)
                         if question.kind is QuestionKind.MULTI else picked[0])
        labels = ", ".join(o.label for o in question.options if o.id in picked)
        grouped.append(Prefilled(question, value,
                                 kb.wording("items.answer", prompt=question.prompt,
                                            answer=labels)))
    return tuple(grouped)


def begin(kb: KnowledgeBase, candidate: Candidate, *, prefill: bool = True) -> Session:
    """A session on the candidate's topic, with its prefilled answers when confirmed.

    A prefill that no longer applies once earlier ones are in (or that a changed pack no
    longer accepts) is left to be asked instead.
    """
    session = start(kb, candidate.topic.id)
    for item in candidate.prefill if prefill else ():
        try:
            session = answer(kb, session, item.question.id, item.answer)
        except SessionError:
            continue
    return session
