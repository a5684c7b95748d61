"""cases/runner.py: run cases against the demo pack and say exactly what differed."""

from __future__ import annotations

from typing import Any

import pytest

from decision_aid.cases.model import Case
from decision_aid.cases.runner import run_case, run_cases, uncovered_rules
from decision_aid.core import KnowledgeBase


def case(answers: dict[str, Any], verdict: str, rules: tuple[str, ...] = (),
         asked: tuple[str, ...] | None = None, topic: str = "demo-requests") -> Case:
    return Case(id="c", title="A case", topic=topic, answers=tuple(answers.items()),
                verdict=verdict, rules=rules, asked=asked)


PATIENT = {"requester": "patient", "platform": "personal", "urgent": "no"}


def test_matching_case_passes(demo: KnowledgeBase) -> None:
    outcome = run_case(demo, case(PATIENT, "avoid", ("patient-personal",),
                                  ("requester", "platform", "urgent")))

    assert outcome.passed
    assert outcome.failures == ()
    assert outcome.actual_verdict == "avoid"
    assert outcome.result is not None and outcome.result.rule == "patient-personal"


def test_any_of_several_expected_rules_passes(demo: KnowledgeBase) -> None:
    outcome = run_case(demo, case(PATIENT, "avoid", ("urgent-first", "patient-personal")))

    assert outcome.passed


@pytest.mark.parametrize(("expected", "failures"), [
    ({"verdict": "caution"}, ("verdict: expected caution, got avoid",)),
    ({"verdict": "avoid", "rules": ("default",)},
     ("rule: expected default, got patient-personal",)),
    ({"verdict": "avoid", "asked": ("requester",)},
     ("asked: expected requester, got requester, platform, urgent",)),
    ({"verdict": "avoid", "asked": ()},
     ("asked: expected nothing, got requester, platform, urgent",)),
    ({"verdict": "acceptable", "rules": ("trusted-colleague",)},
     ("verdict: expected acceptable, got avoid",
      "rule: expected trusted-colleague, got patient-personal")),
])
def test_failure_says_expected_and_actual(demo: KnowledgeBase, expected: dict[str, Any],
                                          failures: tuple[str, ...]) -> None:
    outcome = run_case(demo, case(PATIENT, **expected))

    assert not outcome.passed
    assert outcome.failures == failures


def test_answers_that_stop_short_name_the_missing_question(demo: KnowledgeBase) -> None:
    outcome = run_case(demo, case({"requester": "patient"}, "avoid"))

    assert not outcome.passed
    assert outcome.pending == "platform"
    assert outcome.failures == ("the answers stop short: question 'platform' is still needed",)
    assert outcome.actual_verdict is None


@pytest.mark.parametrize(("answers", "topic", "failure"), [
    ({"requester": "patent"}, "demo-requests",
     "invalid case: 'patent' is not an option of 'requester' (did you mean 'patient'?)"),
    ({}, "nope", "invalid case: unknown topic 'nope' (run `decision-aid topics` to list them)"),
])
def test_invalid_case_is_a_failure_not_an_exception(demo: KnowledgeBase, answers: dict[str, Any],
                                                   topic: str, failure: str) -> None:
    outcome = run_case(demo, case(answers, "avoid", topic=topic))

    assert not outcome.passed
    assert outcome.failures == (failure,)


def test_uncovered_rules_are_those_no_passing_case_ends_on(demo: KnowledgeBase) -> None:
    outcomes = run_cases(demo, [case(PATIENT, "avoid"),
                                case({"requester": "colleague", "signals": []}, "acceptable")])

    assert uncovered_rules(demo, outcomes) == [
        ("demo-requests", "urgent-first"), ("demo-requests", "trusted-colleague"),
        ("demo-requests", "default")]


def test_an_answer_to_a_question_that_does_not_apply_fails_the_case(demo: KnowledgeBase
                                                                    ) -> None:
    # issue 13 item 8: the answer was dropped silently and the case passed
    outcome = run_case(demo, case({**PATIENT, "signals": ["met"]}, "avoid"))

    assert not outcome.passed
    assert outcome.failures == (
        "answer to 'signals' was not used: that question does not apply with the other "
        "answers (remove it or fix the answers)",)
