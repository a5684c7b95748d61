"""The step function: given the knowledge base and a session, the next question or the result.

Rules are tried from the highest priority down and evaluated in three-valued logic. The
first rule that holds decides, once every rule above it is known not to hold. While that is
not settled, the engine asks a question that the first undecided rule reads (in pack
order), so it never asks what cannot change the outcome, and it stops as soon as the
outcome is certain. The analysis behind a step is in core/_settle.py; it works within one
budget per step, and an `Ask` says when its search was cut short.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from decision_aid.core._compile import State
from decision_aid.core._compiled import CompiledTopic, compiled
from decision_aid.core._errors import SessionError
from decision_aid.core._model import (
    Answer,
    ConsideredOption,
    KnowledgeBase,
    Question,
    QuestionKind,
    Rule,
    Topic,
)
from decision_aid.core._result import AskedQuestion, Result, TraceEntry
from decision_aid.core._session import Session, topic_of
from decision_aid.core._settle import STEP_BUDGET, StepAnalysis
from decision_aid.core._worlds import Budget


@dataclass(frozen=True, slots=True)
class Ask:
    """The next question, why it is asked, and progress ("question 2 of at most 5").

    `cut_short` names the rules whose search ran out of this step's budget: the question
    is one such a rule reads, but the engine could not check that its answer matters.
    """

    question: Question
    session: Session
    number: int
    at_most: int
    previous: Answer | None = None
    cut_short: tuple[str, ...] = ()

    @property
    def search_note(self) -> str | None:
        """One line for the trace when the search was cut short, else None."""
        if not self.cut_short:
            return None
        rules = ", ".join(f"'{r}'" for r in self.cut_short)
        return (f"the search over the remaining answers was cut short (rule {rules}): "
                "this question is one the rule reads, but it may not change the result")


@dataclass(frozen=True, slots=True)
class Conclude:
    result: Result
    session: Session


Step = Ask | Conclude


def decide(topic: Topic, answers: Iterable[tuple[str, Any]], budget: Budget | None = None
           ) -> tuple[Rule | None, Rule | None]:
    """(winner, first undecided rule) for these answers: exactly one of them is set for a
    covered topic. This is the decision alone, without the result."""
    form = topic.compiled
    if form.__class__ is not CompiledTopic:
        form = compiled(topic)
    assert isinstance(form, CompiledTopic)
    base = form.layout.base(answers)
    state = base.copy()
    for steps, fn, exact, rule in form.plan:  # in line: exact rules need no analysis
        for step in steps:
            step(state)
        if fn is None:
            return rule.rule, None
        truth = fn(state)
        if truth:
            return rule.rule, None
        if truth is None:
            if exact:
                return None, rule.rule
            winner, undecided = StepAnalysis(form, base, budget).decide()
            return (winner.rule if winner else None), (undecided.rule if undecided else None)
    return None, None


def next_step(kb: KnowledgeBase, session: Session, *, jurisdiction: str | None = None,
              budget: Budget | None = None) -> Step:
    """The next question or the result. `budget` (default: STEP_BUDGET units of work) bounds
    the work of this one step; pass one to see what the step spent."""
    topic = topic_of(kb, session)
    form = compiled(topic)
    if form.cycle is not None:
        form.state(())  # raises the SessionError
    step = StepAnalysis(form, form.layout.base(session.answers),
                        budget if budget is not None else Budget(STEP_BUDGET))
    winner, undecided = step.decide()
    if winner is not None:
        return Conclude(build_result(kb, topic, session, winner.rule, jurisdiction,
                                     state=step.state), session)
    if undecided is None:
        raise SessionError(f"no rule of topic '{topic.id}' covers these answers",
                           hint="run `decision-aid rules lint` to find the gap")
    slot = step.question_for(undecided)
    answered = len(session.answers)
    return Ask(topic.questions[slot], session, answered + 1, answered + step.remaining(undecided),
               cut_short=tuple(step.cut_short))


def build_result(kb: KnowledgeBase, topic: Topic, session: Session, winner: Rule,
                 jurisdiction: str | None = None, *, state: State | None = None) -> Result:
    """Resolve the winning rule's keys to content and record the trace."""
    form = compiled(topic)
    if state is None:
        state = form.state(session.answers)
    trace = []
    for rule in topic.rules:
        fired = rule is winner
        trace.append(TraceEntry(
            rule.id, rule.layer, rule.priority, rule.verdict, fired,
            form.described(rule), _decided_by(rule, session, form)))
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
        policy=topic.policy, options=_considered(form, state), trace=tuple(trace),
        asked=tuple(_asked(form, session)), scope=winner.scope, gap=winner.gap,
    )


def _considered(form: CompiledTopic, state: State) -> tuple[ConsideredOption, ...]:
    """The options on the table for these answers: `when` holds or cannot be decided."""
    return tuple(o for o, cond in form.considered if cond is None or cond.fn(state) is not False)


def _decided_by(rule: Rule, session: Session, form: CompiledTopic
                ) -> tuple[tuple[str, Answer], ...]:
    reads = form.reads[rule.id]
    return tuple((q, a) for q, a in session.answers if q in reads)


def _asked(form: CompiledTopic, session: Session) -> Iterator[AskedQuestion]:
    for qid, value in session.answers:
        question = form.questions[qid]
        multi = question.kind is QuestionKind.MULTI
        chosen = value if isinstance(value, tuple) else (value,)
        labels = tuple(o.label for o in question.options if o.id in chosen)
        not_chosen = tuple(o.label for o in question.options if o.id not in chosen) \
            if multi else ()
        yield AskedQuestion(qid, question.prompt, value, labels, not_chosen, multi)
