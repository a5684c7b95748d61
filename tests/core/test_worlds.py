"""The search over possible answers that the linter uses."""

from __future__ import annotations

import dataclasses
from graphlib import CycleError

import pytest

from decision_aid.core import KnowledgeBase, Topic
from decision_aid.core._worlds import (
    BudgetExceeded,
    Witness,
    WorldSearch,
    _all_leaves,
    both_win,
    multi_choices,
    none_holds,
    relevance_order,
    wins,
)


@pytest.fixture
def topic(demo: KnowledgeBase) -> Topic:
    return demo.topics["demo-requests"]


def test_relevance_order_puts_a_question_after_what_its_relevance_reads(topic: Topic) -> None:
    assert relevance_order(topic) == ["requester", "platform", "signals", "urgent"]


def test_relevance_order_raises_on_a_cycle(topic: Topic) -> None:
    platform = topic.question("platform")
    urgent = topic.question("urgent")
    assert platform is not None and urgent is not None
    looped = dataclasses.replace(platform, relevant=urgent.relevant)
    cyclic = dataclasses.replace(
        topic, questions=(topic.questions[0], looped, *topic.questions[2:]))

    with pytest.raises(CycleError):
        relevance_order(cyclic)


def test_every_rule_of_the_demo_can_win(topic: Topic) -> None:
    search = WorldSearch(topic)

    witnesses = {rule.id: search.find(wins(topic.rules, rule)) for rule in topic.rules}

    answers = {k: w.answers if w else None for k, w in witnesses.items()}
    colleague = answers.pop("trusted-colleague")
    assert answers == {
        "urgent-first": {"requester": "patient", "platform": "personal", "urgent": "yes"},
        "patient-personal": {"requester": "patient", "platform": "personal", "urgent": "no"},
        "default": {"requester": "patient", "platform": "professional"},
    }
    assert colleague is not None
    assert colleague["requester"] == "colleague"
    assert len(colleague["signals"]) >= 2


def test_witness_is_a_partial_world_whose_every_completion_holds(topic: Topic) -> None:
    witness = WorldSearch(topic).find(wins(topic.rules, topic.rules[-1]))

    assert witness is not None
    assert "urgent" not in witness.answers  # it does not apply on a professional account


def test_no_world_leaves_the_demo_uncovered(topic: Topic) -> None:
    assert WorldSearch(topic).find(none_holds(topic.rules)) is None


def test_both_win_finds_answers_where_two_rules_hold(topic: Topic) -> None:
    urgent, patient = topic.rules[0], topic.rules[1]

    assert WorldSearch(topic).find(both_win(topic.rules, urgent, patient)) is not None


def test_multi_choices_reduce_interchangeable_options(topic: Topic) -> None:
    signals = topic.question("signals")
    assert signals is not None

    subsets = multi_choices(signals, _all_leaves(topic))

    assert sorted(map(sorted, subsets)) == sorted(
        map(sorted, [set(), {"met"}, {"named"}, {"met", "named"}, {"verified"},
                     {"met", "verified"}, {"named", "verified"},
                     {"met", "named", "verified"}]))


def test_multi_choices_merge_options_no_condition_tells_apart(topic: Topic) -> None:
    signals = topic.question("signals")
    assert signals is not None

    subsets = multi_choices(signals, [])

    assert subsets == [frozenset()]


def test_search_beyond_its_budget_raises(topic: Topic) -> None:
    search = WorldSearch(topic, budget=2)

    with pytest.raises(BudgetExceeded):
        search.find(wins(topic.rules, topic.rules[-1]))


@pytest.mark.parametrize(("answers", "expected"), [
    ({"requester": "patient", "platform": "personal"}, "requester=patient, platform=personal"),
    ({"signals": frozenset({"named", "met"})}, "signals=met+named"),
    ({"signals": frozenset()}, "signals=none"),
    ({}, "no answers at all"),
])
def test_witness_describes_its_answers(answers: dict[str, object], expected: str) -> None:
    assert Witness(answers).describe() == expected
