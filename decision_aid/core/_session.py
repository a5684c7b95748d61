"""The interview state as a flat, immutable value, and pure functions that change it.

A session is the topic id, the pack version it was started on, and the answers so far in
the order given. Changing an earlier answer keeps its place; answers to questions that no
longer apply after a change are dropped. Everything a face or a trainer's case holds is
one of these.

It also carries what a face needs to show the next step, so that a face keeps no state of
its own (and a Slack button's value, through the codec, carries it all): `ahead`, the
answers the user stepped back over, offered again when their question comes back
(`previous`), and `dropped`, the questions whose answers the last change removed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from decision_aid.core._compiled import compiled
from decision_aid.core._errors import SessionError
from decision_aid.core._model import Answer, KnowledgeBase, QuestionKind, Topic
from decision_aid.core._problems import did_you_mean, quote, topic_hint


@dataclass(frozen=True, slots=True)
class Session:
    topic: str
    version: str
    answers: tuple[tuple[str, Answer], ...] = ()
    ahead: tuple[tuple[str, Answer], ...] = ()
    """Answers stepped back over (nearest first), to pre-select when asked again."""
    dropped: tuple[str, ...] = ()
    """Questions whose answers the last `answer` removed, for a note to the user."""

    def get(self, qid: str) -> Answer | None:
        return next((a for q, a in self.answers if q == qid), None)

    def previous(self, qid: str) -> Answer | None:
        """The answer to pre-select for `qid`: the one given before stepping back over it."""
        return next((a for q, a in self.ahead if q == qid), None)

    @property
    def answered(self) -> tuple[str, ...]:
        return tuple(q for q, _ in self.answers)

    def as_dict(self) -> dict[str, Answer]:
        return dict(self.answers)


def topic_of(kb: KnowledgeBase, session: Session) -> Topic:
    topic = kb.topic(session.topic)
    if topic is None:
        raise SessionError(f"unknown topic '{session.topic}'",
                           hint=topic_hint(session.topic, kb.topics))
    return topic


def start(kb: KnowledgeBase, topic_id: str) -> Session:
    topic = topic_of(kb, Session(topic_id, ""))
    return Session(topic.id, topic.version)


def normalize(kb: KnowledgeBase, topic: Topic, qid: str, value: Any) -> Answer:
    """Check one answer against its question and return it in canonical form."""
    question = topic.question(qid)
    if question is None:
        raise SessionError(f"{quote(qid)} is not a question of topic '{topic.id}'",
                           hint=did_you_mean(qid, [q.id for q in topic.questions]) or
                           f"run `decision-aid topics` to see the questions of {topic.id}")
    choices = question.option_ids
    if question.kind is QuestionKind.MULTI:
        items = value.split(",") if isinstance(value, str) else value
        if not isinstance(items, list | tuple | frozenset | set):
            raise SessionError(f"the answer to '{qid}' must be a list of option ids")
        picked = [str(v).strip() for v in items if str(v).strip() and str(v).strip() != "none"]
        for v in picked:
            if v not in choices:
                raise SessionError(f"{quote(v)} is not an option of '{qid}'",
                                   hint=did_you_mean(v, choices) or "options: " +
                                   ", ".join(choices))
        canonical = tuple(sorted(set(picked), key=choices.index))
        clash = question.clash(canonical)
        if clash is not None:
            raise SessionError(f"'{clash[0]}' cannot be combined with '{clash[1]}' in '{qid}'",
                               hint=f"answer {qid}={clash[0]} alone, or leave it out")
        return canonical
    if isinstance(value, bool) and question.kind is QuestionKind.YES_NO:
        value = "yes" if value else "no"
    if not isinstance(value, str) or value not in choices:
        raise SessionError(f"{quote(value)} is not an option of '{qid}'",
                           hint=did_you_mean(str(value), choices) or "options: " +
                           ", ".join(choices))
    return value


def answer(kb: KnowledgeBase, session: Session, qid: str, value: Any) -> Session:
    """Answer (or change the answer to) one question; prune answers that no longer apply.

    `dropped` of the new session names what this removed: answers that no longer apply,
    and answers stepped back over that this answer rules out (those the previous answer
    had already ruled out are forgotten without a note: this change did not drop them).
    """
    topic = topic_of(kb, session)
    canonical = normalize(kb, topic, qid, value)
    old = session.get(qid)
    old = session.previous(qid) if old is None else old
    ahead = tuple((q, a) for q, a in session.ahead if q != qid and q not in session.answered)
    gone = _removed(topic, session.answers, ahead, qid, canonical)
    stale = set(_removed(topic, session.answers, ahead, qid, old)) if old is not None else set()
    answered = set(session.answered)
    return replace(
        session, answers=prune(topic, _with(session.answers, qid, canonical)),
        ahead=tuple((q, a) for q, a in ahead if q not in gone and q not in stale),
        dropped=tuple(q for q in gone if q in answered or q not in stale))


def _with(answers: tuple[tuple[str, Answer], ...], qid: str, value: Answer
          ) -> tuple[tuple[str, Answer], ...]:
    """`answers` with `qid` set to `value`: in its place if answered, else at the end."""
    if any(q == qid for q, _ in answers):
        return tuple((q, value if q == qid else a) for q, a in answers)
    return (*answers, (qid, value))


def _removed(topic: Topic, answers: tuple[tuple[str, Answer], ...],
             ahead: tuple[tuple[str, Answer], ...], qid: str, value: Answer) -> list[str]:
    """Questions of `answers` and `ahead` that no longer apply once `qid` is `value`."""
    full = (*answers, *ahead)
    kept = {q for q, _ in prune(topic, _with(full, qid, value))}
    return [q for q, _ in full if q not in kept and q != qid]


def prune(topic: Topic, answers: tuple[tuple[str, Answer], ...]
          ) -> tuple[tuple[str, Answer], ...]:
    """Drop answers to questions whose relevance is now false, until nothing changes."""
    form = compiled(topic)
    while True:
        state = form.state(answers)
        kept = tuple((q, a) for q, a in answers if form.applies(state, q) is not False)
        if len(kept) == len(answers):
            return kept
        answers = kept


def dropped(before: Session, after: Session, changed: str | None = None) -> tuple[str, ...]:
    """Question ids whose answers a change removed (for a note to the user)."""
    now = set(after.answered)
    return tuple(q for q in before.answered if q not in now and q != changed)


def back(session: Session) -> Session:
    """Undo the last answer, keeping it in `ahead` so the face can pre-select it."""
    if not session.answers:
        return replace(session, dropped=())
    last = session.answers[-1]
    ahead = (last, *((q, a) for q, a in session.ahead if q != last[0]))
    return replace(session, answers=session.answers[:-1], ahead=ahead, dropped=())


def with_answers(kb: KnowledgeBase, topic_id: str, answers: Mapping[str, Any] |
                 Iterable[tuple[str, Any]]) -> Session:
    """A session from answers given all at once (command line, cases, Slack state)."""
    session = start(kb, topic_id)
    pairs = answers.items() if isinstance(answers, Mapping) else answers
    for qid, value in pairs:
        session = answer(kb, session, qid, value)
    return replace(session, dropped=())


def validate(kb: KnowledgeBase, session: Session) -> Session:
    """Check an untrusted session: topic, version, every answer; returns it unchanged."""
    topic = topic_of(kb, session)
    if session.version != topic.version:
        raise SessionError(f"this interview was started on version {session.version} of "
                           f"'{topic.id}', which is now {topic.version}",
                           hint="start the interview again")
    seen: set[str] = set()
    for qid, value in (*session.answers, *session.ahead):
        if qid in seen:
            raise SessionError(f"question '{qid}' is answered twice")
        seen.add(qid)
        if normalize(kb, topic, qid, value) != value:
            raise SessionError(f"the answer to '{qid}' is not in canonical form")
    if prune(topic, session.answers) != session.answers:
        raise SessionError("the session answers a question that does not apply",
                           hint="start the interview again")
    if len(set(session.dropped)) != len(session.dropped) or any(
            topic.question(qid) is None for qid in session.dropped):
        raise SessionError("the session names a dropped answer that is not a question here",
                           hint="start the interview again")
    return session
