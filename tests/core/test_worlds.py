"""The search over possible answers that the engine and the linter use."""

from __future__ import annotations

import dataclasses
from graphlib import CycleError

import pytest
from packtext import DEMO_CONTENT, rule_yaml, topic_yaml

from decision_aid.core import Conclude, KnowledgeBase, Layer, Topic, load, next_step, with_answers
from decision_aid.core._build import build_topic
from decision_aid.core._compiled import compiled, relevance_order
from decision_aid.core._reach import RuleSearch
from decision_aid.core._worlds import Budget, BudgetExceeded, Witness, WorldSearch, holds
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


def first(topic: Topic, musts: tuple[int, ...], before: int) -> Witness | None:
    """Answers where `musts` hold and no rule above `before` does (the check's search)."""
    form = compiled(topic)
    found = RuleSearch(form).first(musts, before, Budget(10**6))
    return None if found is None else Witness(form.layout.answers_of(form.evaluate(found)))


def test_every_rule_of_the_demo_can_win(demo: KnowledgeBase, topic: Topic) -> None:
    for k, rule in enumerate(topic.rules):
        witness = first(topic, (k,), k)

        assert witness is not None, rule.id
        answers = {q: tuple(sorted(v)) if isinstance(v, frozenset) else v
                   for q, v in witness.answers.items()}
        step = next_step(demo, with_answers(demo, topic.id, answers))
        assert isinstance(step, Conclude) and step.result.rule == rule.id, witness


def test_a_witness_leaves_out_what_does_not_matter(topic: Topic) -> None:
    witness = first(topic, (0,), 0)  # urgent-first: a patient, a personal account, urgent

    assert witness is not None
    assert witness.answers == {"requester": "patient", "platform": "personal",
                               "urgent": "yes"}  # no signals: they do not apply


def test_no_world_leaves_the_demo_uncovered(topic: Topic) -> None:
    assert first(topic, (), len(topic.rules)) is None


def test_both_win_finds_answers_where_two_rules_hold(topic: Topic) -> None:
    assert first(topic, (0, 1), 0) is not None


def test_a_search_keeps_the_answers_it_starts_from(topic: Topic) -> None:
    search = WorldSearch(topic)
    base = search.form.layout.base([("requester", "colleague")])

    assert search.find(holds(search.form, 0), base) is None  # urgent-first needs a patient
    found = search.find(holds(search.form, 2), base)
    assert found is not None and found.answers["requester"] == "colleague"


def test_search_beyond_its_budget_raises(topic: Topic) -> None:
    search = WorldSearch(topic, budget=2)

    with pytest.raises(BudgetExceeded):
        search.find(holds(search.form, 2))


def test_a_shared_budget_counts_every_visit(topic: Topic) -> None:
    search = WorldSearch(topic)
    budget = Budget(1_000)

    search.find(holds(search.form, 2), budget=budget)
    once = budget.spent
    search.find(holds(search.form, 2), budget=budget)

    assert 0 < once < budget.spent == 2 * once


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
