"""Run trainer cases against the knowledge base and say, per case, what differed.

A case is played through a face (`Player`): the core itself by default, or the terminal
or Slack face (cases/faces.py). Each play has a time limit; a case that overruns fails
with that reason and the suite goes on.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from decision_aid.cases.model import Case
from decision_aid.core import (
    Ask,
    KnowledgeBase,
    Refusal,
    Result,
    SessionError,
    answer,
    intake,
    next_step,
    start,
)

DEFAULT_TIME_LIMIT = 10.0
"""Seconds one case may take through one face before it fails (`cases run --time-limit`)."""


@dataclass(frozen=True, slots=True)
class Shown:
    """What a face showed as the result, in ids: enough to check a case's expectations."""

    verdict: str
    rule: str
    asked: tuple[str, ...]
    offered: frozenset[str]

    @classmethod
    def of(cls, result: Result) -> Shown:
        return cls(result.verdict.value, result.rule, tuple(a.id for a in result.asked),
                   frozenset(o.id for o in result.options))


@dataclass(frozen=True, slots=True)
class Played:
    """What one face showed for a case: its result, or the reasons it showed none."""

    shown: Shown | None
    failures: tuple[str, ...] = ()
    pending: str | None = None
    result: Result | None = None
    """The core's own result, when the face is the core (for the trace in a report)."""


Player = Callable[[KnowledgeBase, Case], Played]


@dataclass(frozen=True, slots=True)
class CaseOutcome:
    case: Case
    passed: bool
    failures: tuple[str, ...]
    result: Result | None = None
    pending: str | None = None  # the question still needed, when the answers stop short
    face: str = "core"
    seconds: float = 0.0
    shown: Shown | None = None

    @property
    def actual_verdict(self) -> str | None:
        return self.shown.verdict if self.shown else None


def play_core(kb: KnowledgeBase, case: Case) -> Played:
    """The case through the core's step function, one question at a time as an interview
    asks them: an answer to a question the interview never asks is reported, not used."""
    answers = case.answer_map
    try:
        session = start(kb, case.topic)
        step = next_step(kb, session)
        while isinstance(step, Ask):
            qid = step.question.id
            if qid not in answers:
                return Played(None, (
                    f"the answers stop short: question '{qid}' is still needed",), pending=qid)
            session = answer(kb, step.session, qid, answers[qid])
            step = next_step(kb, session)
    except SessionError as exc:
        return Played(None, (f"invalid case: {exc}",))
    unused = tuple(f"answer to '{qid}' was not used: the interview never asks it with the "
                   "other answers (remove it or fix the answers)"
                   for qid in answers if qid not in session.answered)
    return Played(Shown.of(step.result), unused, result=step.result)


def routing_failures(kb: KnowledgeBase, case: Case) -> tuple[str, ...]:
    """What the core intake makes of the case's learner text, where it disagrees."""
    if case.description is None:
        return ()
    routed = intake(kb, case.description)
    if isinstance(routed, Refusal):
        return ("description: refused as identifying a patient "
                f"({len(routed.findings)} finding(s)); rewrite it without identifiers",)
    best = routed.best
    if best is None:
        return ("description: routes to no topic (add the words staff use to the topic's "
                "triggers or the vocabulary)",)
    if best.topic.id != case.topic:
        return (f"description: routes to '{best.topic.id}' ({best.score:.0f}), "
                f"not '{case.topic}'",)
    scripted = case.answer_map
    return tuple(f"description: states {p.question.id} = {_shown(p.answer)}, but the case "
                 f"answers {_shown(scripted[p.question.id])}"
                 for p in best.prefill
                 if p.question.id in scripted and not agrees(p.answer, scripted[p.question.id]))


def agrees(stated: object, scripted: object) -> bool:
    """Whether what a description states fits the case's answer: the same option, or for
    a multi-choice question some of the options the case ticks (the text need not name
    them all)."""
    if isinstance(stated, tuple) and isinstance(scripted, tuple):
        return set(stated) <= set(scripted)
    return stated == scripted


def _shown(answer: object) -> str:
    return ", ".join(answer) if isinstance(answer, tuple) else str(answer)


def compare(case: Case, shown: Shown) -> list[str]:
    """Each expectation of the case that what was shown does not meet."""
    failures = []
    if shown.verdict != case.verdict:
        failures.append(f"verdict: expected {case.verdict}, got {shown.verdict}")
    if case.rules and shown.rule not in case.rules:
        failures.append(f"rule: expected {', '.join(case.rules)}, got {shown.rule}")
    if case.asked is not None and shown.asked != case.asked:
        failures.append(f"asked: expected {', '.join(case.asked) or 'nothing'}, "
                        f"got {', '.join(shown.asked) or 'nothing'}")
    failures.extend(f"not_offered: '{o}' was offered" for o in case.not_offered
                    if o in shown.offered)
    return failures


def run_case(kb: KnowledgeBase, case: Case, *, player: Player = play_core,
             face: str = "core", time_limit: float | None = DEFAULT_TIME_LIMIT) -> CaseOutcome:
    began = time.perf_counter()
    played = _within(time_limit, lambda: player(kb, case))
    seconds = time.perf_counter() - began
    if played is None:
        return CaseOutcome(case, False, (f"took longer than the {time_limit:g} s limit",),
                           face=face, seconds=seconds)
    failures = [*routing_failures(kb, case), *played.failures]
    if played.shown is not None:
        failures.extend(compare(case, played.shown))
    passed = not failures and played.shown is not None
    return CaseOutcome(case, passed, tuple(failures), played.result, played.pending, face,
                       seconds, played.shown)


def _within(limit: float | None, work: Callable[[], Played]) -> Played | None:
    """The work's answer, or None when it runs past `limit` seconds (it is left to finish
    on a daemon thread; the engine bounds its own steps, so this is a face's hang)."""
    if limit is None:
        return work()
    box: list[Played | BaseException] = []

    def target() -> None:
        try:
            box.append(work())
        except BaseException as exc:  # handed to the caller's thread below
            box.append(exc)

    thread = threading.Thread(target=target, daemon=True, name="case")
    thread.start()
    thread.join(limit)
    if not box:
        return None
    if isinstance(box[0], BaseException):
        raise box[0]
    return box[0]


def run_cases(kb: KnowledgeBase, cases: Iterable[Case], *, player: Player = play_core,
              face: str = "core", time_limit: float | None = DEFAULT_TIME_LIMIT,
              progress: Callable[[CaseOutcome], None] | None = None) -> list[CaseOutcome]:
    outcomes = []
    for case in cases:
        outcome = run_case(kb, case, player=player, face=face, time_limit=time_limit)
        outcomes.append(outcome)
        if progress is not None:
            progress(outcome)
    return outcomes


def uncovered_rules(kb: KnowledgeBase, outcomes: list[CaseOutcome]) -> list[tuple[str, str]]:
    """(topic, rule) pairs that no passing case ends on — gaps in the teaching set."""
    hit = {(o.case.topic, o.shown.rule) for o in outcomes if o.shown and o.passed}
    return [(t.id, r.id) for t in kb.topics.values() for r in t.rules if (t.id, r.id) not in hit]
