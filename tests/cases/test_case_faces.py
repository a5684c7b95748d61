"""Cases played through the terminal face: the typist answers only what the face shows."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from decision_aid.cases.faces import play_terminal, players
from decision_aid.cases.load import load_cases
from decision_aid.cases.model import Case
from decision_aid.cases.runner import run_case
from decision_aid.core import KnowledgeBase, Layer

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "cases"
PATIENT = (("requester", "patient"), ("platform", "personal"), ("urgent", "no"))


def demo_case(**changes: object) -> Case:
    base = Case("c", "A case", "demo-requests", PATIENT, "avoid", ("patient-personal",),
                ("requester", "platform", "urgent"), not_offered=("accept",))
    return replace(base, **changes)  # type: ignore[arg-type]


def test_the_demo_cases_pass_through_the_terminal(demo: KnowledgeBase) -> None:
    cases, _ = load_cases([FIXTURES / "demo-cases.yaml"], demo)

    outcomes = [run_case(demo, c, player=play_terminal, face="terminal") for c in cases]

    assert [(o.case.id, o.passed, o.failures) for o in outcomes] == [
        (c.id, True, ()) for c in cases]
    assert outcomes[0].shown is not None
    assert outcomes[0].shown.asked == ("requester", "platform", "urgent")


def test_what_the_terminal_showed_is_compared(demo: KnowledgeBase) -> None:
    outcome = run_case(demo, demo_case(verdict="caution", rules=("urgent-first",)),
                       player=play_terminal, face="terminal")

    assert outcome.failures == ("verdict: expected caution, got avoid",
                                "rule: expected urgent-first, got patient-personal")


def test_an_option_offered_on_screen_fails_not_offered(demo: KnowledgeBase) -> None:
    colleague = (("requester", "colleague"), ("signals", ("met", "verified")))
    outcome = run_case(demo, demo_case(answers=colleague, verdict="acceptable", rules=(),
                                       asked=None), player=play_terminal, face="terminal")

    assert outcome.failures == ("not_offered: 'accept' was offered",)


def test_a_question_the_case_does_not_answer_stops_the_typist(demo: KnowledgeBase) -> None:
    outcome = run_case(demo, demo_case(answers=PATIENT[:1]), player=play_terminal,
                       face="terminal")

    assert outcome.failures == (
        "the face asked 'Which account received it?', which the case does not answer",)


def test_an_answer_the_face_never_asked(demo: KnowledgeBase) -> None:
    outcome = run_case(demo, demo_case(answers=(*PATIENT, ("signals", ("met",))), asked=None),
                       player=play_terminal, face="terminal")

    assert "answer to 'signals' was not used: the terminal face never asked it" in (
        outcome.failures)


def test_a_description_is_typed_and_routed_through_the_face(demo: KnowledgeBase) -> None:
    outcome = run_case(demo, demo_case(description="my patient sent me a demo request"),
                       player=play_terminal, face="terminal")

    assert outcome.passed, outcome.failures


def test_all_names_every_face() -> None:
    pytest.importorskip("slack_bolt")
    demo = [Layer("demo", (FIXTURES.parents[2] / "examples" / "rules",))]
    with players("all", demo) as faces:
        assert [name for name, _ in faces] == ["core", "terminal", "slack"]


def test_a_prefill_that_is_not_the_case_answer_is_declined(demo: KnowledgeBase) -> None:
    colleague = (("requester", "colleague"), ("signals", ("met", "verified")))
    case = demo_case(answers=colleague, verdict="acceptable", rules=("trusted-colleague",),
                     asked=None, not_offered=(),
                     description="my patient sent me a demo request")

    outcome = run_case(demo, case, player=play_terminal, face="terminal")

    # the routing check reports the disagreement; the face itself reaches the case's result
    assert outcome.failures == (
        "description: states requester = patient, but the case answers colleague",)
    assert outcome.shown is not None and outcome.shown.rule == "trusted-colleague"
