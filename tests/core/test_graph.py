"""Flow pictures of a topic: the interview as it runs, question → answers → rule."""

from __future__ import annotations

import re

import pytest

from decision_aid.core import KnowledgeBase, Topic, load_default
from decision_aid.core import _graph as graph
from decision_aid.core._graph import dot, flow, mermaid, notes


@pytest.fixture
def topic(demo: KnowledgeBase) -> Topic:
    return demo.topics["demo-requests"]


@pytest.mark.parametrize("render", [mermaid, dot])
def test_every_rule_is_one_box(demo: KnowledgeBase, topic: Topic, render: object) -> None:
    text = render(demo, topic)  # type: ignore[operator]

    for rule in topic.rules:
        assert text.count(f"({rule.id})") == 1


def test_mermaid_draws_questions_answers_and_rules(demo: KnowledgeBase, topic: Topic) -> None:
    text = mermaid(demo, topic)

    assert text.startswith("flowchart TD\n")
    assert '  start(["Demo — a connection request"])\n  start --> q0\n' in text
    assert '  q0{"Who sent the request?"}' in text
    assert '  q0 -->|"A patient"| q1' in text
    assert '  q1 -->|"My professional account"| r_default' in text
    assert '  r_patient_personal["AVOID: Don\'t accept; decline kindly and redirect. ' \
           '(patient-personal)"]' in text
    assert "  class r_trusted_colleague acceptable" in text
    assert "%%   patient-personal: requester = patient and platform = personal" in text


def test_the_same_question_after_different_answers_is_one_node(demo: KnowledgeBase,
                                                              topic: Topic) -> None:
    drawn = flow(demo, topic)
    prompts = [node.prompt for node in drawn.questions.values()]

    assert len(prompts) == len(set(prompts)) == 4
    assert not drawn.truncated


def test_dot_has_tooltips_with_full_conditions(demo: KnowledgeBase, topic: Topic) -> None:
    text = dot(demo, topic)

    assert text.startswith('digraph "demo-requests" {')
    assert text.rstrip().endswith("}")
    assert 'tooltip="when: requester = patient and platform = personal"' in text
    assert '  q0 -> q1 [label="A patient"];' in text
    assert len(re.findall(r"shape=diamond", text)) == 4


def test_notes_list_every_rule_with_its_full_condition(demo: KnowledgeBase,
                                                      topic: Topic) -> None:
    text = notes(demo, topic)

    assert "  trusted-colleague [acceptable, priority 50, reached]\n" \
           "      when: signal_count ≥ 2\n" in text
    assert "always (the fallback)" in text


def test_long_conditions_are_never_cut_in_notes() -> None:
    kb = load_default()
    for topic in kb.topics.values():
        text = notes(kb, topic)
        for rule in topic.rules:
            if rule.when is not None:
                assert rule.when.describe() in text


def test_a_flow_too_big_to_draw_says_so(demo: KnowledgeBase, topic: Topic,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(graph, "MAX_STEPS", 3)

    drawn = flow(demo, topic)

    assert drawn.truncated
    assert "more paths than can be drawn" in mermaid(demo, topic)
    assert "the picture shows a part" in notes(demo, topic)
