"""The search over possible answers that the engine and the linter use."""

from __future__ import annotations

import dataclasses
from graphlib import CycleError

import pytest
from packtext import DEMO_CONTENT, rule_yaml, topic_yaml

from decision_aid.core import KnowledgeBase, Layer, Topic, load
from decision_aid.core._build import build_topic
from decision_aid.core._compiled import compiled, relevance_order
from decision_aid.core._worlds import (
    Budget,
    BudgetExceeded,
    Witness,
    WorldSearch,
    both_win,
    holds,
    none_holds,
    wins,
)
from decision_aid.core._yamlsafe import read_yaml


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
    assert compiled(cyclic).cycle is not None


def test_every_rule_of_the_demo_can_win(topic: Topic) -> None:
    search = WorldSearch(topic)
    form = search.form

    witnesses = {rule.id: search.find(wins(form, k)) for k, rule in enumerate(topic.rules)}

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
    search = WorldSearch(topic)
    witness = search.find(wins(search.form, len(topic.rules) - 1))

    assert witness is not None
    assert "urgent" not in witness.answers  # it does not apply on a professional account


def test_no_world_leaves_the_demo_uncovered(topic: Topic) -> None:
    search = WorldSearch(topic)

    assert search.find(none_holds(search.form)) is None


def test_both_win_finds_answers_where_two_rules_hold(topic: Topic) -> None:
    search = WorldSearch(topic)

    assert search.find(both_win(search.form, 0, 1)) is not None


def test_a_search_keeps_the_answers_it_starts_from(topic: Topic) -> None:
    search = WorldSearch(topic)
    base = search.form.layout.base([("requester", "colleague")])

    assert search.find(holds(search.form, 0), base) is None  # urgent-first needs a patient
    found = search.find(holds(search.form, 2), base)
    assert found is not None and found.answers["requester"] == "colleague"


def test_search_beyond_its_budget_raises(topic: Topic) -> None:
    search = WorldSearch(topic, budget=2)

    with pytest.raises(BudgetExceeded):
        search.find(wins(search.form, len(topic.rules) - 1))


def test_a_shared_budget_counts_every_visit(topic: Topic) -> None:
    search = WorldSearch(topic)
    budget = Budget(1_000)

    search.find(wins(search.form, 3), budget=budget)
    first = budget.spent
    search.find(wins(search.form, 3), budget=budget)

    assert 0 < first < budget.spent == 2 * first


def _wide_multi(tmp_path: object, options: int) -> Topic:
    ids = [f"o{i:02d}" for i in range(options)]
    body = ("questions:\n  - id: pick\n    prompt: Which?\n    why: W.\n    kind: multi\n"
            "    options:\n" + "".join(f"      - {{id: {o}, label: {o}}}\n" for o in ids) +
            "rules:\n" + rule_yaml("all-of-them", 10,
                                   f"{{fact: pick, has_all: [{', '.join(ids)}]}}")
            + rule_yaml("default", 0))
    folder = tmp_path / "pack"  # type: ignore[operator]
    folder.mkdir()
    (folder / "pack.yaml").write_text(topic_yaml(body))
    kb = load([Layer("c", DEMO_CONTENT), Layer("t", (folder,))]).unwrap()
    return kb.topics["inline"]


def test_multi_choice_is_split_one_option_at_a_time(tmp_path: object) -> None:
    # 2**24 subsets; the search decides the rule one option at a time instead
    search = WorldSearch(_wide_multi(tmp_path, 24))
    budget = Budget(10_000)

    witness = search.find(holds(search.form, 0), budget=budget)
    fails = search.find(holds(search.form, 0, want=False), budget=budget)

    visit = search.form.eval_cost + 2  # the work of one visit: the state, then the goal
    assert witness is not None and len(witness.answers["pick"]) == 24
    assert fails is not None
    assert budget.spent <= 2 * 24 * visit


@pytest.mark.parametrize(("answers", "expected"), [
    ({"requester": "patient", "platform": "personal"}, "requester=patient, platform=personal"),
    ({"signals": frozenset({"named", "met"})}, "signals=met+named"),
    ({"signals": frozenset()}, "signals=none"),
    ({}, "no answers at all"),
])
def test_witness_describes_its_answers(answers: dict[str, object], expected: str) -> None:
    assert Witness(answers).describe() == expected


def test_an_exclusive_option_is_never_combined_with_another(tmp_path: object) -> None:
    body = ("questions:\n  - id: pick\n    prompt: Which?\n    why: W.\n    kind: multi\n"
            "    options:\n      - {id: x, label: X}\n      - {id: y, label: Y}\n"
            "      - {id: none, label: None of these, exclusive: true}\n"
            "rules:\n" + rule_yaml("both", 10, "{all: [{fact: pick, has: x}, "
                                   "{fact: pick, has: none}]}")
            + rule_yaml("x-or-none", 5, "{fact: pick, has_any: [x, none]}")
            + rule_yaml("default", 0))
    folder = tmp_path / "pack"  # type: ignore[operator]
    folder.mkdir()
    (folder / "pack.yaml").write_text(topic_yaml(body))
    loaded = load([Layer("c", DEMO_CONTENT), Layer("t", (folder,))])
    doc, _ = read_yaml("pack.yaml", topic_yaml(body))
    topic, _ = build_topic(doc, "t")
    assert topic is not None
    search = WorldSearch(topic)

    assert search.find(holds(search.form, 0)) is None
    assert not search.form.rules[0].exact  # reads the exclusive option beside another
    assert {w.answers["pick"] for w in (search.find(holds(search.form, 1)),) if w} \
        <= {frozenset({"x"}), frozenset({"none"})}
    assert [p.code for p in loaded.problems] == ["unreachable-rule"]
