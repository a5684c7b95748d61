"""The step function on the demo pack: what it asks, when it stops, and what it records."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
from packtext import DEMO_CONTENT, DEMO_RULES, REQUESTER, rule_yaml, topic_yaml

from decision_aid.core import (
    Ask,
    Conclude,
    KnowledgeBase,
    Layer,
    Question,
    QuestionKind,
    Session,
    SessionError,
    Verdict,
    answer,
    load,
    next_step,
    start,
    with_answers,
)

TOPIC = "demo-requests"


def choices(question: Question) -> list[Any]:
    """Every answer a question allows (every subset for multi-choice)."""
    if question.kind is QuestionKind.MULTI:
        ids = question.option_ids
        return [list(c) for r in range(len(ids) + 1) for c in combinations(ids, r)
                if question.clash(c) is None]
    return list(question.option_ids)


def outcomes(kb: KnowledgeBase, session: Session) -> frozenset[str]:
    """The rules that can still decide, following the engine from this session."""
    step = next_step(kb, session)
    if isinstance(step, Conclude):
        return frozenset({step.result.rule})
    found: set[str] = set()
    for value in choices(step.question):
        found |= outcomes(kb, answer(kb, session, step.question.id, value))
    return frozenset(found)


def asks(kb: KnowledgeBase, session: Session) -> Iterator[tuple[Session, Ask]]:
    """Every Ask reachable from `session` by answering what the engine asks."""
    step = next_step(kb, session)
    if isinstance(step, Conclude):
        return
    yield session, step
    for value in choices(step.question):
        yield from asks(kb, answer(kb, session, step.question.id, value))


def most_asked(kb: KnowledgeBase, session: Session) -> int:
    """The most questions still to be asked from here, over every way of answering."""
    step = next_step(kb, session)
    if isinstance(step, Conclude):
        return 0
    return 1 + max(most_asked(kb, answer(kb, session, step.question.id, v))
                   for v in choices(step.question))


def conclude(kb: KnowledgeBase, answers: dict[str, Any], **kwargs: Any) -> Conclude:
    step = next_step(kb, with_answers(kb, TOPIC, answers), **kwargs)
    assert isinstance(step, Conclude), step
    return step


# -- what is asked -----------------------------------------------------------------------------
def test_first_question_is_the_one_every_rule_depends_on(demo: KnowledgeBase) -> None:
    step = next_step(demo, start(demo, TOPIC))

    assert isinstance(step, Ask)
    assert step.question.id == "requester"
    assert (step.number, step.at_most) == (1, 4)


@pytest.mark.parametrize(("answers", "expected"), [
    ({"requester": "patient"}, "platform"),
    ({"requester": "colleague"}, "signals"),
    ({"requester": "patient", "platform": "personal"}, "urgent"),
])
def test_next_question_follows_relevance(demo: KnowledgeBase, answers: dict[str, str],
                                         expected: str) -> None:
    step = next_step(demo, with_answers(demo, TOPIC, answers))

    assert isinstance(step, Ask)
    assert step.question.id == expected
    assert step.number == len(answers) + 1


def test_a_colleague_is_never_asked_about_the_platform_or_urgency(demo: KnowledgeBase) -> None:
    asked = {ask.question.id for session, ask in asks(demo, start(demo, TOPIC))
             if session.get("requester") == "colleague"}

    assert asked == {"signals"}


def test_every_question_asked_can_change_the_result(demo: KnowledgeBase) -> None:
    for session, ask in asks(demo, start(demo, TOPIC)):
        after = {outcomes(demo, answer(demo, session, ask.question.id, v))
                 for v in choices(ask.question)}
        assert len(after) > 1, (session.answers, ask.question.id)


def test_stops_as_soon_as_the_winner_is_certain(demo: KnowledgeBase) -> None:
    for session, ask in asks(demo, start(demo, TOPIC)):
        assert len(outcomes(demo, session)) > 1, (session.answers, ask.question.id)


def test_urgency_is_not_asked_on_a_professional_account(demo: KnowledgeBase) -> None:
    step = conclude(demo, {"requester": "patient", "platform": "professional"})

    assert step.result.rule == "default"
    assert [a.id for a in step.result.asked] == ["requester", "platform"]


def test_at_most_bounds_the_questions_actually_asked(demo: KnowledgeBase) -> None:
    for session, ask in asks(demo, start(demo, TOPIC)):
        total = len(session.answers) + most_asked(demo, session)
        assert ask.number <= total <= ask.at_most, (session.answers, ask)


def test_at_most_is_reached_on_the_longest_path(demo: KnowledgeBase) -> None:
    step = next_step(demo, with_answers(demo, TOPIC, {"requester": "patient"}))

    assert isinstance(step, Ask)
    assert step.at_most == 3 == 1 + most_asked(demo, step.session)


def test_a_question_that_cannot_change_the_result_is_never_asked(tmp_path: Path) -> None:
    # `platform in [personal, professional]` holds for every answer a patient can give,
    # so once the requester is a patient the rule `patient` has already won.
    pack = topic_yaml(REQUESTER + """\
  - id: platform
    prompt: Which account?
    why: Personal accounts carry more risk.
    kind: single
    relevant: {fact: requester, is: patient}
    options:
      - {id: personal, label: My personal account}
      - {id: professional, label: My professional account}
rules:
""" + rule_yaml("patient", 10, "{all: [{fact: requester, is: patient}, "
                "{fact: platform, in: [personal, professional]}]}", "avoid")
        + rule_yaml("default", 0))
    (tmp_path / "pack.yaml").write_text(pack)
    kb = load([Layer("c", DEMO_CONTENT), Layer("t", (tmp_path,))]).unwrap()
    session = with_answers(kb, "inline", {"requester": "patient"})

    assert outcomes(kb, session) == {"patient"}
    assert isinstance(next_step(kb, session), Conclude)


def test_an_answer_that_may_not_apply_decides_nothing(demo: KnowledgeBase) -> None:
    # `urgent` applies only on a patient's request to a personal account; until the
    # requester is known, urgent=yes cannot make urgent-first the winner.
    session = with_answers(demo, TOPIC, {"platform": "personal", "urgent": "yes"})

    step = next_step(demo, session)

    assert isinstance(step, Ask), step.result.rule  # type: ignore[union-attr]
    assert step.question.id == "requester"


# -- results and the trace ---------------------------------------------------------------------
@pytest.mark.parametrize(("answers", "rule", "verdict"), [
    ({"requester": "patient", "platform": "personal", "urgent": "yes"}, "urgent-first",
     Verdict.CAUTION),
    ({"requester": "patient", "platform": "personal", "urgent": "no"}, "patient-personal",
     Verdict.AVOID),
    ({"requester": "patient", "platform": "professional"}, "default", Verdict.CAUTION),
    ({"requester": "colleague", "signals": ["met", "verified"]}, "trusted-colleague",
     Verdict.ACCEPTABLE),
    ({"requester": "colleague", "signals": ["named"]}, "default", Verdict.CAUTION),
    ({"requester": "colleague", "signals": []}, "default", Verdict.CAUTION),
])
def test_result_is_the_first_rule_that_holds(demo: KnowledgeBase, answers: dict[str, Any],
                                            rule: str, verdict: Verdict) -> None:
    result = conclude(demo, answers).result

    assert (result.rule, result.verdict) == (rule, verdict)
    assert result.layer == "demo"
    assert result.topic == TOPIC
    assert result.version == "1.0.0"


def test_trace_lists_rules_considered_up_to_the_winner(demo: KnowledgeBase) -> None:
    result = conclude(demo, {"requester": "colleague", "signals": ["met", "named"]}).result

    assert [(t.rule, t.fired) for t in result.trace] == [
        ("urgent-first", False), ("patient-personal", False), ("trusted-colleague", True)]
    assert [t.priority for t in result.trace] == [100, 90, 50]
    assert result.trace[1].condition == "requester = patient and platform = personal"
    assert result.trace[1].decided_by == (("requester", "colleague"),)
    assert ("signals", ("met", "named")) in result.trace[2].decided_by
    assert result.trace[2].condition == "signal_count ≥ 2"


def test_trace_of_the_fallback_says_always(demo: KnowledgeBase) -> None:
    result = conclude(demo, {"requester": "patient", "platform": "professional"}).result

    assert result.trace[-1].rule == "default"
    assert result.trace[-1].condition == "always"
    assert result.trace[-1].decided_by == ()
    assert result.trace[-1].to_dict()["decided_by"] == {}


def test_trace_names_the_answer_that_made_a_rule_not_apply(demo: KnowledgeBase) -> None:
    # urgent-first did not hold because a colleague is never asked about urgency: the
    # requester answer decided it, through the relevance of `urgent`.
    result = conclude(demo, {"requester": "colleague", "signals": []}).result

    first = result.trace[0]
    assert first.rule == "urgent-first"
    assert ("requester", "colleague") in first.decided_by


def test_result_resolves_reply_figures_and_sources(demo: KnowledgeBase) -> None:
    result = conclude(demo, {"requester": "patient", "platform": "personal",
                             "urgent": "no"}).result

    assert result.reply is not None and result.reply.id == "demo-decline"
    assert [f.id for f in result.figures] == ["demo-figure"]
    assert [s.key for s in result.sources] == ["demo-source"]
    assert result.contact is None
    assert [o.id for o in result.options] == ["decline"]  # accept: only for a colleague


def test_options_considered_depend_on_the_answers(demo: KnowledgeBase) -> None:
    colleague = conclude(demo, {"requester": "colleague", "signals": ["met", "named"]}).result

    assert [o.id for o in colleague.options] == ["accept", "decline"]


def test_a_fallback_result_says_it_is_not_covered(demo: KnowledgeBase) -> None:
    result = conclude(demo, {"requester": "colleague", "signals": ["unsure"]}).result

    assert (result.rule, result.scope.value, result.gap and result.gap.value) == (
        "default", "not-covered", "inference")
    assert result.contact is not None and result.contact.placeholder
    assert result.to_dict()["scope"] == "not-covered"


def test_asked_lists_labels_and_what_was_not_chosen(demo: KnowledgeBase) -> None:
    result = conclude(demo, {"requester": "colleague", "signals": ["verified", "met"]}).result

    requester, signals = result.asked
    assert requester.to_dict() == {"id": "requester", "prompt": "Who sent the request?",
                                   "answer": "colleague", "labels": ["A colleague"]}
    assert signals.answer == ("met", "verified")
    assert signals.labels == ("We have met", "Their registration checks out")
    assert signals.not_chosen == ("They use their real name", "I can't tell")
    assert signals.to_dict()["answer"] == ["met", "verified"]


def test_result_to_dict_has_the_json_shape(demo: KnowledgeBase) -> None:
    data = conclude(demo, {"requester": "patient", "platform": "personal",
                           "urgent": "no"}).result.to_dict()

    assert data["status"] == "result"
    assert data["verdict"] == "avoid"
    assert data["sources"][0]["key"] == "demo-source"
    assert {"key", "citation", "url"} <= set(data["sources"][0])
    assert data["reply"]["id"] == "demo-decline"
    assert data["evidence"]["scale"] == "GRADE"
    assert [t["rule"] for t in data["trace"]] == ["urgent-first", "patient-personal"]


def test_same_session_gives_equal_results(demo: KnowledgeBase) -> None:
    answers = {"requester": "colleague", "signals": ["met", "named"]}

    assert conclude(demo, answers) == conclude(demo, answers)


def test_uncovered_answers_raise_a_session_error(demo: KnowledgeBase) -> None:
    topic = demo.topics[TOPIC]
    bare = dataclasses.replace(topic, rules=tuple(r for r in topic.rules if r.id != "default"))
    kb = dataclasses.replace(demo, topics={TOPIC: bare})
    session = with_answers(kb, TOPIC, {"requester": "colleague", "signals": []})

    with pytest.raises(SessionError) as caught:
        next_step(kb, session)
    assert "no rule of topic 'demo-requests' covers these answers" in str(caught.value)
    assert caught.value.hint is not None and "rules lint" in caught.value.hint


def test_unknown_topic_is_a_session_error(demo: KnowledgeBase) -> None:
    with pytest.raises(SessionError, match="unknown topic 'demo-request'"):
        next_step(demo, Session("demo-request", "1.0.0"))


# -- jurisdiction --------------------------------------------------------------------------------
@pytest.fixture
def multi_source_kb(tmp_path: Path) -> KnowledgeBase:
    overlay = tmp_path / "overlay"
    overlay.mkdir()
    (overlay / "references.yaml").write_text("""\
references:
  - {key: us-board, citation: A US board., year: 2020, kind: guideline, jurisdiction: US,
     url: https://example.org/us, checked: primary}
  - {key: uk-council, citation: A UK council., year: 2021, kind: guideline, jurisdiction: UK,
     url: https://example.org/uk, checked: primary}
""")
    (overlay / "extension.yaml").write_text("""\
extends: demo-requests
override:
  - id: patient-personal
    sources: [us-board, demo-source, uk-council]
""")
    return load([Layer("demo", (DEMO_RULES,)),
                 Layer("overlay", (overlay,))]).unwrap()


@pytest.mark.parametrize(("jurisdiction", "expected"), [
    (None, ["us-board", "demo-source", "uk-council"]),
    ("UK", ["uk-council", "us-board", "demo-source"]),
    ("uk", ["uk-council", "us-board", "demo-source"]),
    ("international", ["demo-source", "us-board", "uk-council"]),
    ("Mars", ["us-board", "demo-source", "uk-council"]),
])
def test_sources_of_the_chosen_jurisdiction_come_first(
        multi_source_kb: KnowledgeBase, jurisdiction: str | None, expected: list[str]) -> None:
    session = with_answers(multi_source_kb, TOPIC,
                           {"requester": "patient", "platform": "personal", "urgent": "no"})

    step = next_step(multi_source_kb, session, jurisdiction=jurisdiction)

    assert isinstance(step, Conclude)
    assert [s.key for s in step.result.sources] == expected
