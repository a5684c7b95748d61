"""The step function: given the knowledge base and a session, the next question or the result.

Rules are tried from the highest priority down and evaluated in three-valued logic. The
first rule that holds decides, once every rule above it is known not to hold. While that is
not settled, the engine asks a question that the first undecided rule reads (in pack
order), so it never asks what cannot change the outcome, and it stops as soon as the
outcome is certain.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from decision_aid.core._conditions import Truth
from decision_aid.core._errors import SessionError
from decision_aid.core._facts import Facts, TopicIndex, index_of, open_questions
from decision_aid.core._model import (
    ConsideredOption,
    KnowledgeBase,
    Question,
    QuestionKind,
    Rule,
    Topic,
)
from decision_aid.core._result import AskedQuestion, Result, TraceEntry
from decision_aid.core._session import Answer, Session, facts_for, topic_of
from decision_aid.core._worlds import BudgetExceeded, search_for


@dataclass(frozen=True, slots=True)
class Ask:
    """The next question, why it is asked, and progress ("question 2 of at most 5")."""

    question: Question
    session: Session
    number: int
    at_most: int
    previous: Answer | None = None


@dataclass(frozen=True, slots=True)
class Conclude:
    result: Result
    session: Session


Step = Ask | Conclude


def decide(topic: Topic, facts: Facts) -> tuple[Rule | None, Rule | None]:
    """(winner, first undecided rule): exactly one of them is set for a covered topic."""
    for rule, fn in index_of(topic).rule_fns:
        truth = True if fn is None else fn(facts)
        if truth is True:
            return rule, None
        if truth is None:
            return None, rule
    return None, None


def settle(topic: Topic, rule: Rule, values: dict[str, Any]) -> Truth:
    """Decide a rule that three-valued logic leaves open by looking at what answers remain.

    A condition can be undecided yet certain, e.g. `platform in [every option]`: the search
    over the remaining answers finds whether it can still hold and still fail.
    """
    if rule.when is None:
        return True
    when = rule.when
    search = search_for(topic)
    try:
        if search.find(when, values, focus=(when,)) is None:
            return False
        if search.find(lambda f: _negate(when(f)), values, focus=(when,)) is None:
            return True
    except BudgetExceeded:
        pass
    return None


def _negate(truth: Truth) -> Truth:
    return None if truth is None else not truth


def decide_settled(topic: Topic, facts: Facts, values: dict[str, Any]
                   ) -> tuple[Rule | None, Rule | None]:
    """Like `decide`, but rules left open by three-valued logic are settled by search."""
    for rule in topic.rules:
        truth = True if rule.when is None else rule.when(facts)
        if truth is None:
            truth = settle(topic, rule, values)
        if truth is True:
            return rule, None
        if truth is None:
            return None, rule
    return None, None


def next_step(kb: KnowledgeBase, session: Session, *, jurisdiction: str | None = None) -> Step:
    topic = topic_of(kb, session)
    facts = facts_for(topic, session.answers)
    winner, undecided = decide(topic, facts)
    values: dict[str, Any] = {}
    if undecided is not None:
        values = {q: frozenset(a) if isinstance(a, tuple) else a for q, a in session.answers}
        winner, undecided = decide_settled(topic, facts, values)
    if winner is not None:
        return Conclude(build_result(kb, topic, session, facts, winner, jurisdiction), session)
    if undecided is None:
        raise SessionError(f"no rule of topic '{topic.id}' covers these answers",
                           hint="run `decision-aid rules lint` to find the gap")
    index = index_of(topic)
    assert undecided.when is not None
    askable = list(open_questions(undecided.when.root, facts, index, askable_only=True))
    if not askable:  # pragma: no cover - three-valued logic guarantees an open question
        raise SessionError(f"rule '{undecided.id}' is undecided but nothing is left to ask")
    qid = _most_useful(topic, undecided, sorted(set(askable), key=index.order.__getitem__),
                       values)
    return Ask(index.questions[qid], session, len(session.answers) + 1,
               len(session.answers) + _remaining(topic, facts, index))


def _most_useful(topic: Topic, rule: Rule, candidates: list[str], values: dict[str, Any]) -> str:
    """The first candidate (in pack order) whose answer can narrow the undecided rule.

    Falls back to the first candidate when none narrows it alone (e.g. the rule needs two
    answers together).
    """
    search = search_for(topic)
    for qid in candidates:
        outcomes = {settle(topic, rule, {**values, qid: value}) for value in search.values[qid]}
        if outcomes != {None}:
            return qid
    return candidates[0]


def _remaining(topic: Topic, facts: Facts, index: TopicIndex) -> int:
    """At most how many more questions: everything open in rules that could still decide."""
    pending: set[str] = set()
    for rule in topic.rules:
        truth = True if rule.when is None else rule.when(facts)
        if truth is True:
            break
        if truth is None and rule.when is not None:
            pending.update(open_questions(rule.when.root, facts, index, askable_only=False))
    return max(1, len(pending))


def build_result(kb: KnowledgeBase, topic: Topic, session: Session, facts: Facts, winner: Rule,
                 jurisdiction: str | None = None) -> Result:
    """Resolve the winning rule's keys to content and record the trace."""
    index = index_of(topic)
    trace = []
    for rule in topic.rules:
        fired = rule is winner
        trace.append(TraceEntry(
            rule.id, rule.layer, rule.priority, rule.verdict, fired,
            index.described[rule.id],
            _decided_by(rule, session, index)))
        if fired:
            break
    sources = [kb.sources[k] for k in winner.sources if k in kb.sources]
    if jurisdiction:
        wanted = jurisdiction.casefold()
        sources.sort(key=lambda s: s.jurisdiction.casefold() != wanted)
    return Result(
        topic=topic.id, topic_title=topic.title, version=topic.version, reviewed=topic.reviewed,
        decision=topic.decision, rule=winner.id, layer=winner.layer, verdict=winner.verdict,
        headline=winner.headline, reasons=winner.reasons, actions=winner.actions,
        reply=kb.replies.get(winner.reply) if winner.reply else None,
        sources=tuple(sources),
        figures=tuple(kb.figures[f] for f in winner.figures if f in kb.figures),
        evidence=winner.evidence, limits=winner.limits, disagreement=winner.disagreement,
        contact=kb.contacts.get(winner.contact) if winner.contact else None,
        policy=topic.policy, options=_considered(topic, facts), trace=tuple(trace),
        asked=tuple(_asked(index, session)), scope=winner.scope, gap=winner.gap,
    )


def _considered(topic: Topic, facts: Facts) -> tuple[ConsideredOption, ...]:
    """The options on the table for these answers: `when` holds or cannot be decided."""
    return tuple(o for o in topic.options_considered
                 if o.when is None or o.when(facts) is not False)


def _decided_by(rule: Rule, session: Session, index: TopicIndex
                ) -> tuple[tuple[str, Answer], ...]:
    reads = index.reads[rule.id]
    return tuple((q, a) for q, a in session.answers if q in reads)


def _asked(index: TopicIndex, session: Session) -> Iterator[AskedQuestion]:
    for qid, value in session.answers:
        question = index.questions[qid]
        multi = question.kind is QuestionKind.MULTI
        chosen = value if isinstance(value, tuple) else (value,)
        labels = tuple(o.label for o in question.options if o.id in chosen)
        not_chosen = tuple(o.label for o in question.options if o.id not in chosen) \
            if multi else ()
        yield AskedQuestion(qid, question.prompt, value, labels, not_chosen, multi)
