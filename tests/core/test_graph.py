"""Flow pictures of a topic: every rule appears, in the order the engine tries them."""

from __future__ import annotations

import dataclasses
import re

import pytest

from decision_aid.core import KnowledgeBase, Topic
from decision_aid.core._graph import dot, mermaid


@pytest.fixture
def topic(demo: KnowledgeBase) -> Topic:
    return demo.topics["demo-requests"]


@pytest.mark.parametrize("render", [mermaid, dot])
def test_every_rule_id_appears(topic: Topic, render: object) -> None:
    text = render(topic)  # type: ignore[operator]

    for rule in topic.rules:
        assert f"({rule.id})" in text


@pytest.mark.parametrize("render", [mermaid, dot])
def test_rules_appear_in_priority_order(topic: Topic, render: object) -> None:
    text = render(topic)  # type: ignore[operator]

    positions = [text.index(f"({rule.id})") for rule in topic.rules]
    assert positions == sorted(positions)
    assert [r.id for r in topic.rules] == ["urgent-first", "patient-personal",
                                           "trusted-colleague", "default"]


def test_mermaid_is_a_flowchart_with_conditions_and_verdicts(topic: Topic) -> None:
    text = mermaid(topic)

    assert text.startswith("flowchart TD\n")
    assert '  start(["Demo — a connection request"])' in text
    assert '  c1{"requester = patient and platform = personal"}' in text
    assert '  v1["AVOID: Don\'t accept; decline kindly and redirect. (patient-personal)"]' in text
    assert "  c0 -->|no| c1" in text
    assert '  c3{"always"}' in text
    assert "  class v2 acceptable" in text
    assert text.endswith("\n")


def test_dot_is_one_digraph_with_balanced_braces(topic: Topic) -> None:
    text = dot(topic)

    assert text.startswith('digraph "demo-requests" {')
    assert text.rstrip().endswith("}")
    assert text.count("{") == text.count("}")
    assert "  start -> c0;" in text
    assert '  c0 -> c1 [label="no"];' in text
    assert '  c2 -> v2 [label="yes"];' in text
    assert len(re.findall(r"shape=diamond", text)) == len(topic.rules)


def test_quotes_in_labels_do_not_break_the_syntax(topic: Topic) -> None:
    rule = dataclasses.replace(topic.rules[0], headline='Say "no" kindly')
    quoted = dataclasses.replace(topic, rules=(rule, *topic.rules[1:]))

    for text in (mermaid(quoted), dot(quoted)):
        assert 'Say "no"' not in text
        assert "Say 'no' kindly" in text
