"""cases/runner.py: run cases against the demo pack and say exactly what differed."""

from __future__ import annotations

import threading
from dataclasses import replace
from typing import Any

import pytest

from decision_aid.cases.model import Case
from decision_aid.cases.runner import Played, play_core, run_case, run_cases, uncovered_rules
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
        "answer to 'signals' was not used: the interview never asks it with the other "
        "answers (remove it or fix the answers)",)


def test_an_answer_the_interview_stops_before_fails_the_case(demo: KnowledgeBase) -> None:
    # issue 11: the result is decided before 'urgent' is asked, yet the case passed
    urgent = {"requester": "patient", "platform": "professional", "urgent": "no"}

    outcome = run_case(demo, case(urgent, "caution"))

    assert outcome.failures == (
        "answer to 'urgent' was not used: the interview never asks it with the other "
        "answers (remove it or fix the answers)",)


def test_an_option_that_must_not_be_offered(demo: KnowledgeBase) -> None:
    colleague = {"requester": "colleague", "signals": ("met", "verified")}
    ok = run_case(demo, replace(case(PATIENT, "avoid"), not_offered=("accept",)))
    offered = run_case(demo, replace(case(colleague, "acceptable"), not_offered=("accept",)))

    assert ok.passed
    assert offered.failures == ("not_offered: 'accept' was offered",)


@pytest.mark.parametrize(("text", "failures"), [
    pytest.param("my patient sent me a demo request", (), id="routes"),
    pytest.param("a colleague sent me a demo request", (), id="routes-without-prefill"),
    pytest.param("xylophone", (
        "description: routes to no topic (add the words staff use to the topic's triggers or "
        "the vocabulary)",), id="no-topic"),
    pytest.param("Mr John Smith, DOB 01/02/1960, sent me a demo request", (
        "description: refused as identifying a patient (2 finding(s)); rewrite it without "
        "identifiers",), id="identifying"),
])
def test_the_description_goes_through_the_intake(demo: KnowledgeBase, text: str,
                                                  failures: tuple[str, ...]) -> None:
    outcome = run_case(demo, replace(case(PATIENT, "avoid"), description=text))

    assert outcome.failures == failures


def test_a_description_that_states_another_answer(demo: KnowledgeBase) -> None:
    colleague = {"requester": "colleague", "signals": ("met", "verified")}
    outcome = run_case(demo, replace(case(colleague, "acceptable"),
                                     description="my patient sent me a demo request"))

    assert outcome.failures == (
        "description: states requester = patient, but the case answers colleague",)


def test_a_case_over_its_time_limit_fails_and_the_suite_goes_on(demo: KnowledgeBase) -> None:
    release = threading.Event()

    def stuck(kb: KnowledgeBase, c: Case) -> Played:
        release.wait(5)
        return play_core(kb, c)

    try:
        outcomes = run_cases(demo, [case(PATIENT, "avoid")] * 2, player=stuck, time_limit=0.05)
    finally:
        release.set()
    assert [o.failures for o in outcomes] == [("took longer than the 0.05 s limit",)] * 2


@pytest.mark.parametrize(("stated", "scripted", "fits"), [
    ("patient", "patient", True), ("patient", "colleague", False),
    (("met",), ("met", "verified"), True), (("met", "named"), ("met",), False),
])
def test_what_a_description_states_fits_the_answer(stated: object, scripted: object,
                                                   fits: bool) -> None:
    from decision_aid.cases.runner import agrees

    assert agrees(stated, scripted) is fits
