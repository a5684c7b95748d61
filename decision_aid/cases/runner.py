"""Run trainer cases against the knowledge base and say, per case, what differed."""

from __future__ import annotations

from dataclasses import dataclass

from decision_aid.cases.model import Case
from decision_aid.core import (
    Ask,
    KnowledgeBase,
    Result,
    SessionError,
    next_step,
    with_answers,
)


@dataclass(frozen=True, slots=True)
class CaseOutcome:
    case: Case
    passed: bool
    failures: tuple[str, ...]
    result: Result | None = None
    pending: str | None = None  # the question still needed, when the answers stop short

    @property
    def actual_verdict(self) -> str | None:
        return self.result.verdict.value if self.result else None


def run_case(kb: KnowledgeBase, case: Case) -> CaseOutcome:
    try:
        session = with_answers(kb, case.topic, case.answers)
        step = next_step(kb, session)
    except SessionError as exc:
        return CaseOutcome(case, False, (f"invalid case: {exc}",))
    if isinstance(step, Ask):
        return CaseOutcome(case, False, (
            f"the answers stop short: question '{step.question.id}' is still needed",),
            pending=step.question.id)
    result = step.result
    failures = [f"answer to '{qid}' was not used: that question does not apply with the "
                "other answers (remove it or fix the answers)"
                for qid in dict.fromkeys(q for q, _ in case.answers)
                if qid not in session.answered]
    if result.verdict.value != case.verdict:
        failures.append(f"verdict: expected {case.verdict}, got {result.verdict.value}")
    if case.rules and result.rule not in case.rules:
        failures.append(f"rule: expected {', '.join(case.rules)}, got {result.rule}")
    asked = tuple(a.id for a in result.asked)
    if case.asked is not None and asked != case.asked:
        failures.append(f"asked: expected {', '.join(case.asked) or 'nothing'}, "
                        f"got {', '.join(asked) or 'nothing'}")
    return CaseOutcome(case, not failures, tuple(failures), result)


def run_cases(kb: KnowledgeBase, cases: list[Case]) -> list[CaseOutcome]:
    return [run_case(kb, case) for case in cases]


def uncovered_rules(kb: KnowledgeBase, outcomes: list[CaseOutcome]) -> list[tuple[str, str]]:
    """(topic, rule) pairs that no passing case ends on — gaps in the teaching set."""
    hit = {(o.result.topic, o.result.rule) for o in outcomes if o.result and o.passed}
    return [(t.id, r.id) for t in kb.topics.values() for r in t.rules if (t.id, r.id) not in hit]
