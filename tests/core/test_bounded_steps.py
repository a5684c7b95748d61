"""Every step does bounded work: one budget per `next_step`, counted, never timed (issue #8).

The adversarial packs in tests/fixtures/adversarial hold one rule `any: [P, {not: P}]`
(always true, which three-valued logic cannot see) with P = "at least half of many
questions answered yes"; before the budget was per step, one step of them took seconds to
minutes. Random adversarial packs and every shipped pack are driven here step by step.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from packtext import DEMO_CONTENT, DEMO_RULES

from decision_aid.core import (
    Ask,
    Conclude,
    KnowledgeBase,
    Layer,
    QuestionKind,
    Session,
    answer,
    default_layers,
    load,
    next_step,
    start,
    step_json,
)
from decision_aid.core._build import build_topic
from decision_aid.core._compiled import compiled
from decision_aid.core._settle import STEP_BUDGET
from decision_aid.core._worlds import Budget
from decision_aid.core._yamlsafe import read_yaml

ADVERSARIAL = Path(__file__).resolve().parents[1] / "fixtures" / "adversarial"


def unchecked_kb(text: str, name: str = "adversarial.yaml") -> KnowledgeBase:
    """A knowledge base of one topic file, built without the lint checks (the engine must
    stay bounded on packs that would not pass them)."""
    doc, problems = read_yaml(name, text)
    assert problems == []
    topic, problems = build_topic(doc, "adversarial")
    assert problems == [] and topic is not None, [p.format() for p in problems]
    demo = load([Layer("demo", (DEMO_RULES,))]).unwrap()
    return KnowledgeBase(topics={topic.id: topic}, sources=demo.sources)


def fixture_kb(name: str) -> KnowledgeBase:
    return unchecked_kb((ADVERSARIAL / name).read_text(encoding="utf-8"), name)


def step(kb: KnowledgeBase, session: Session, limit: int = STEP_BUDGET
         ) -> tuple[Ask | Conclude, Budget]:
    budget = Budget(limit)
    result = next_step(kb, session, budget=budget)
    assert 0 <= budget.spent <= limit
    return result, budget


def reads(kb: KnowledgeBase, topic_id: str, rule_id: str) -> frozenset[str]:
    return compiled(kb.topics[topic_id]).reads[rule_id]


# -- the packs of the issue ---------------------------------------------------------------------
def test_the_twelve_question_tautology_is_settled_at_the_first_step() -> None:
    kb = fixture_kb("tautology-12.yaml")

    first, budget = step(kb, start(kb, "tautology-12"))

    assert isinstance(first, Conclude)
    assert first.result.rule == "always"
    assert budget.spent > 0  # it took a search: three-valued logic alone cannot tell


@pytest.mark.parametrize(("name", "topic_id"), [
    ("tautology-16.yaml", "tautology-16"),
    ("tautology-12-multi.yaml", "tautology-12-multi"),
])
def test_a_search_too_large_for_one_step_is_cut_short_and_says_so(name: str,
                                                                  topic_id: str) -> None:
    kb = fixture_kb(name)

    first, budget = step(kb, start(kb, topic_id))

    assert isinstance(first, Ask)
    assert first.cut_short == ("always",)
    assert budget.spent == budget.limit
    assert first.question.id in reads(kb, topic_id, "always")
    assert first.search_note is not None and "cut short" in first.search_note
    shown = step_json(kb, first)["search"]
    assert shown == {"cut_short": ["always"], "note": first.search_note}


@pytest.mark.parametrize(("name", "topic_id"), [
    ("tautology-12.yaml", "tautology-12"),
    ("tautology-16.yaml", "tautology-16"),
    ("tautology-12-multi.yaml", "tautology-12-multi"),
])
def test_every_step_of_an_adversarial_interview_stays_within_the_budget(
        name: str, topic_id: str) -> None:
    kb = fixture_kb(name)
    session = start(kb, topic_id)
    for n in range(len(kb.topics[topic_id].questions) + 1):
        now, _ = step(kb, session)
        if isinstance(now, Conclude):
            break
        q = now.question
        value: Any = ["o01", "o03"] if q.kind is QuestionKind.MULTI else ("yes", "no")[n % 2]
        session = answer(kb, session, q.id, value)
    assert isinstance(now, Conclude)
    assert now.result.rule == "always"  # it always holds, whatever the answers


@pytest.mark.parametrize(("name", "flagged"), [
    ("tautology-12.yaml", False),
    ("tautology-16.yaml", True),
    ("tautology-12-multi.yaml", True),
])
def test_lint_names_a_rule_whose_step_analysis_does_not_fit_the_budget(
        tmp_path: Path, name: str, flagged: bool) -> None:
    (tmp_path / name).write_text((ADVERSARIAL / name).read_text(encoding="utf-8"))

    result = load([Layer("c", DEMO_CONTENT), Layer("t", (tmp_path,))])

    over = [p for p in result.problems if p.code == "step-over-budget"]
    assert [("always" in p.message, p.is_error) for p in over] == ([(True, False)]
                                                                  if flagged else [])


# -- random adversarial packs -------------------------------------------------------------------
HEADER = """\
topic: {id: generated, title: G, summary: S, decision: D, version: "1", reviewed: 2026-01-01}
"""
BODY = ("    headline: H\n    reasons: [R]\n    actions: [A]\n    sources: [demo-source]\n"
        "    evidence: {strength: strong, certainty: high, scale: GRADE, basis: expert-opinion}\n"
        "    limits: L\n")


@st.composite
def adversarial_packs(draw: st.DrawFn) -> str:
    """Rules that read the same answers both ways over many questions: tautologies,
    contradictions and exclusive-or of large counts, with or without a wide multi-choice."""
    n = draw(st.integers(4, 14))
    multi = draw(st.sampled_from([0, 0, 6, 10]))
    lines = ["questions:"]
    lines += [f"  - {{id: q{i}, prompt: P, why: W, kind: yes_no}}" for i in range(n)]
    if multi:
        options = ", ".join(f"{{id: o{j}, label: L{j}}}" for j in range(multi))
        lines.append(f"  - {{id: m, prompt: P, why: W, kind: multi, options: [{options}]}}")
    leaves = [f'{{fact: q{i}, is: "yes"}}' for i in range(n)]
    leaves += [f"{{fact: m, has: o{j}}}" for j in range(multi)]

    def count(at_least: int, picked: list[str]) -> str:
        return f"{{at_least: {at_least}, of: [{', '.join(picked)}]}}"

    p = count(draw(st.integers(1, len(leaves))), leaves)
    half = leaves[::2]
    q = count(draw(st.integers(1, len(half))), half)
    shape = draw(st.sampled_from(["tautology", "contradiction", "xor"]))
    when = {"tautology": f"{{any: [{p}, {{not: {p}}}]}}",
            "contradiction": f"{{all: [{p}, {{not: {p}}}]}}",
            "xor": f"{{any: [{{all: [{p}, {{not: {q}}}]}}, {{all: [{q}, {{not: {p}}}]}}]}}"}
    lines.append("rules:")
    lines.append(f"  - id: hard\n    priority: 10\n    when: {when[shape]}\n    verdict: avoid\n"
                 + BODY)
    lines.append(f"  - id: fallback\n    priority: 0\n    verdict: caution\n{BODY}")
    return HEADER + "\n".join(lines) + "\n"


@settings(max_examples=25, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(adversarial_packs(), st.data())
def test_every_step_of_a_generated_adversarial_pack_stays_within_the_budget(
        text: str, data: st.DataObject) -> None:
    # a tenth of the step budget: the same bound, reached ten times sooner
    kb = unchecked_kb(text)
    session = start(kb, "generated")
    for _ in range(len(kb.topics["generated"].questions) + 1):
        now, budget = step(kb, session, STEP_BUDGET // 10)
        if isinstance(now, Conclude):
            return
        if now.cut_short:
            assert budget.spent == budget.limit
            assert now.question.id in reads(kb, "generated", "hard")
        q = now.question
        options = list(q.option_ids)
        value = data.draw(st.lists(st.sampled_from(options), unique=True)
                          if q.kind is QuestionKind.MULTI else st.sampled_from(options))
        session = answer(kb, session, q.id, value)
    raise AssertionError("no result after every question was answered")


# -- the shipped packs ---------------------------------------------------------------------------
def _choices(ask: Ask) -> Iterator[Any]:
    q = ask.question
    ids = q.option_ids
    if q.kind is not QuestionKind.MULTI:
        yield from ids
        return
    plain = [o.id for o in q.options if not o.exclusive]
    yield []
    yield from ([o] for o in ids)
    yield plain[:2]
    yield plain


def test_no_step_of_a_shipped_pack_is_cut_short() -> None:
    kb = load(default_layers()).unwrap()
    for topic_id in kb.topics:
        todo = deque([start(kb, topic_id)])
        seen = 0
        while todo:
            session = todo.popleft()
            now, _ = step(kb, session)
            seen += 1
            if isinstance(now, Ask):
                assert now.cut_short == (), (topic_id, session.answers)
                todo.extend(answer(kb, session, now.question.id, v) for v in _choices(now))
        assert seen > 1, topic_id
