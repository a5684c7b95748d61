"""The shipped guidance: packs lint clean, every case passes, every rule is taught by a case."""

from __future__ import annotations

from pathlib import Path

import pytest

from decision_aid.cases.load import load_cases
from decision_aid.cases.runner import run_cases, uncovered_rules
from decision_aid.core import KnowledgeBase, default_layers, load

ROOT = Path(__file__).resolve().parents[1]
TOPICS = ("friend-requests", "patient-contact", "posting-cases", "online-reviews",
          "patient-lookup", "peer-trust", "colleague-conduct")


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    result = load(default_layers(environ={}))
    assert [p.format() for p in result.problems] == []
    assert result.kb is not None
    return result.kb


def test_every_required_topic_is_present(kb: KnowledgeBase) -> None:
    assert set(TOPICS) <= set(kb.topics)


def test_every_rule_cites_a_resolvable_source_and_states_its_limits(kb: KnowledgeBase) -> None:
    for topic in kb.topics.values():
        for rule in topic.rules:
            assert rule.sources, rule.id
            assert all(key in kb.sources for key in rule.sources), rule.id
            assert rule.limits.strip(), rule.id
            assert len(rule.headline) <= 120, rule.id
            assert rule.evidence.scale and rule.evidence.strength, rule.id


def test_every_topic_is_dated_and_lists_options_with_pros_and_cons(kb: KnowledgeBase) -> None:
    for topic in kb.topics.values():
        assert topic.reviewed and topic.review_due, topic.id
        assert len(topic.options_considered) >= 2, topic.id
        for option in topic.options_considered:
            assert option.benefits and option.harms, (topic.id, option.id)


def test_every_source_has_a_link_and_a_jurisdiction(kb: KnowledgeBase) -> None:
    for source in kb.sources.values():
        assert source.url.startswith(("http://", "https://")), source.key
        assert source.jurisdiction, source.key


def test_all_trainer_cases_pass_and_cover_every_rule(kb: KnowledgeBase) -> None:
    cases, problems = load_cases([ROOT / "content" / "cases"], kb)
    assert [p.format() for p in problems] == []
    assert len(cases) >= 40
    outcomes = run_cases(kb, cases)
    failures = {o.case.id: o.failures for o in outcomes if not o.passed}
    assert failures == {}
    assert uncovered_rules(kb, outcomes) == []
