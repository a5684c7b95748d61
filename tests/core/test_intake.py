"""The intake: free text → PHI guard → routing → ranked candidates with answers to confirm."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pytest

from decision_aid.core import (
    Candidate,
    KnowledgeBase,
    Refusal,
    Routed,
    Topic,
    begin,
    intake,
)


@dataclass(frozen=True)
class Said:
    question: str
    option: str


@dataclass(frozen=True)
class Match:
    topic: Topic
    score: float
    prefill: tuple[Said, ...] = ()


def routes_to(*said: Said, score: float = 82.0):  # type: ignore[no-untyped-def]
    seen: list[str] = []

    def route(kb: KnowledgeBase, text: str) -> Sequence[Match]:
        seen.append(text)
        return [Match(kb.topics["demo-requests"], score, said)]

    route.seen = seen  # type: ignore[attr-defined]
    return route


def test_identifying_text_is_refused_with_the_kinds_found_never_the_text(
        demo: KnowledgeBase) -> None:
    route = routes_to()
    text = "My patient John Smith, DOB 03/04/1961, sent me a demo request"
    got = intake(demo, text, route=route)
    assert isinstance(got, Refusal)
    assert got.message.startswith("This looks like it may identify a patient or colleague (")
    assert "a date of birth or admission" in got.message
    assert "John" not in got.message and "1961" not in got.message
    assert all(0 <= f.start < f.end <= len(text) for f in got.findings)
    assert "John" not in repr(got) and "1961" not in repr(got)
    assert route.seen == []  # type: ignore[attr-defined]  # never routed


def test_text_over_the_limit_is_refused_unread(demo: KnowledgeBase) -> None:
    from decision_aid.core.phi import MAX_TEXT_CHARS

    route = routes_to()
    got = intake(demo, "my patient sent me a demo request. " * 100, route=route)
    assert len("my patient sent me a demo request. " * 100) > MAX_TEXT_CHARS
    assert got == Refusal((), "That is longer than 3,000 characters: describe the situation "
                              "in a few sentences, without names. Nothing was stored.")
    assert route.seen == []  # type: ignore[attr-defined]  # never routed


def test_real_routing_ranks_the_demo_topic_and_reads_the_stated_answer(
        demo: KnowledgeBase) -> None:
    got = intake(demo, "my patient sent me an example connection request")
    assert isinstance(got, Routed) and got.best is not None
    assert got.best.topic.id == "demo-requests"
    assert got.confident  # a lone clear match
    (said,) = got.best.prefill
    assert (said.question.id, said.answer) == ("requester", "patient")
    assert said.line == "Who sent the request? — A patient"


@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_text_with_nothing_to_route_has_no_candidates(demo: KnowledgeBase, text: str) -> None:
    assert intake(demo, text) == Routed((), False)


def test_prefills_are_grouped_per_question_in_question_order(demo: KnowledgeBase) -> None:
    route = routes_to(Said("signals", "verified"), Said("requester", "colleague"),
                      Said("signals", "met"), Said("requester", "patient"),
                      Said("signals", "met"), Said("nope", "x"), Said("signals", "bogus"))
    got = intake(demo, "a colleague I have met", route=route)
    assert isinstance(got, Routed) and got.best is not None
    assert [(p.question.id, p.answer) for p in got.best.prefill] == [
        ("requester", "colleague"), ("signals", ("met", "verified"))]
    assert got.best.prefill[1].line == (
        "Which of these hold for the colleague? — We have met, Their registration checks out")


def test_a_low_score_is_not_confident(demo: KnowledgeBase) -> None:
    got = intake(demo, "something vague", route=routes_to(score=40.0))
    assert isinstance(got, Routed) and not got.confident and len(got.candidates) == 1


def test_begin_applies_confirmed_prefills_and_skips_ones_that_no_longer_apply(
        demo: KnowledgeBase) -> None:
    got = intake(demo, "x", route=routes_to(Said("requester", "colleague"),
                                            Said("platform", "personal")))
    assert isinstance(got, Routed) and got.best is not None
    candidate: Candidate = got.best
    assert begin(demo, candidate).answers == (("requester", "colleague"),)  # platform n/a
    assert begin(demo, candidate, prefill=False).answers == ()
