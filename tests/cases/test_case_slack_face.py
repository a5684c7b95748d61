"""Cases played through the Slack face: the real bolt app over HTTP on 127.0.0.1, signed
requests, the fake Slack Web API; the result is read from the blocks the bot sent."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

pytest.importorskip("slack_bolt")

from decision_aid.cases.faces import players
from decision_aid.cases.load import load_cases
from decision_aid.cases.model import Case
from decision_aid.cases.runner import Player, run_case
from decision_aid.core import KnowledgeBase, Layer

ROOT = Path(__file__).resolve().parents[2]
DEMO = [Layer("demo", (ROOT / "examples" / "rules",))]
PATIENT = (("requester", "patient"), ("platform", "personal"), ("urgent", "no"))


@pytest.fixture(scope="module")
def slack() -> Iterator[Player]:
    with players("slack", DEMO) as faces:
        assert [name for name, _ in faces] == ["slack"]
        yield faces[0][1]


def demo_case(**changes: object) -> Case:
    base = Case("c", "A case", "demo-requests", PATIENT, "avoid", ("patient-personal",),
                ("requester", "platform", "urgent"), not_offered=("accept",))
    return replace(base, **changes)  # type: ignore[arg-type]


def play(kb: KnowledgeBase, player: Player, case: Case) -> tuple[bool, tuple[str, ...]]:
    outcome = run_case(kb, case, player=player, face="slack")
    return outcome.passed, outcome.failures


def test_the_demo_cases_pass_through_slack(demo: KnowledgeBase, slack: Player) -> None:
    cases, _ = load_cases([ROOT / "tests" / "fixtures" / "cases" / "demo-cases.yaml"], demo)

    assert [play(demo, slack, c) for c in cases] == [(True, ())] * 3


def test_what_slack_showed_is_compared(demo: KnowledgeBase, slack: Player) -> None:
    assert play(demo, slack, demo_case(verdict="caution", rules=("urgent-first",))) == (
        False, ("verdict: expected caution, got avoid",
                "rule: expected urgent-first, got patient-personal"))


def test_multi_choice_by_ticked_boxes_and_options_considered(demo: KnowledgeBase,
                                                              slack: Player) -> None:
    colleague = (("requester", "colleague"), ("signals", ("met", "verified")))

    assert play(demo, slack, demo_case(answers=colleague, verdict="acceptable",
                                       rules=("trusted-colleague",), asked=None)) == (
        False, ("not_offered: 'accept' was offered",))


def test_a_question_the_case_does_not_answer(demo: KnowledgeBase, slack: Player) -> None:
    assert play(demo, slack, demo_case(answers=PATIENT[:1])) == (
        False, ("the face asked 'Which account received it?', which the case does not "
                "answer",))


def test_a_description_goes_through_the_slash_command(demo: KnowledgeBase,
                                                      slack: Player) -> None:
    assert play(demo, slack, demo_case(description="my patient sent me a demo request")) == (
        True, ())


def test_a_prefill_that_is_not_the_case_answer_is_declined(demo: KnowledgeBase,
                                                           slack: Player) -> None:
    colleague = (("requester", "colleague"), ("signals", ("met", "verified")))
    case = demo_case(answers=colleague, verdict="acceptable", rules=("trusted-colleague",),
                     asked=None, not_offered=(),
                     description="my patient sent me a demo request")

    assert play(demo, slack, case) == (False, (
        "description: states requester = patient, but the case answers colleague",))
