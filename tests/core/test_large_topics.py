"""Large topics skip the rules their answers rule out (core/_kills.py): same results."""

from __future__ import annotations

import random
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_bounded_steps import BODY, HEADER, unchecked_kb

from decision_aid.core import Ask, Conclude, KnowledgeBase, answer, next_step, start
from decision_aid.core import _settle as settle


def large_pack(seed: int, rules: int = 90, questions: int = 8) -> str:
    """Random rules that fix two or three answers (some through `in`, `not`, `any`) over
    single-choice questions, a few with relevance; a fallback last."""
    rng = random.Random(seed)
    lines = ["questions:"]
    for i in range(questions):
        relevant = ""
        if i >= 3 and rng.random() < 0.4:
            relevant = f", relevant: {{fact: q{rng.randrange(i)}, in: [o0, o1]}}"
        lines.append(f"  - {{id: q{i}, prompt: P, why: W, kind: single, options: "
                     f"[{{id: o0, label: A}}, {{id: o1, label: B}}, {{id: o2, label: C}}]"
                     f"{relevant}}}")
    lines.append("rules:")
    for k in range(rules):
        leaves = [f"{{fact: q{q}, is: o{rng.randrange(3)}}}"
                  for q in rng.sample(range(questions), rng.choice((2, 3)))]
        shape = rng.random()
        if shape < 0.2:
            leaves.append(f"{{not: {{fact: q{rng.randrange(questions)}, is: o0}}}}")
        elif shape < 0.4:
            leaves.append(f"{{any: [{{fact: q{rng.randrange(questions)}, in: [o1, o2]}}, "
                          f"{{fact: q{rng.randrange(questions)}, is: o0}}]}}")
        lines.append(f"  - id: r{k}\n    priority: {rules - k}\n"
                     f"    when: {{all: [{', '.join(leaves)}]}}\n    verdict: avoid\n" + BODY)
    lines.append(f"  - id: fallback\n    priority: 0\n    verdict: caution\n{BODY}")
    return HEADER + "\n".join(lines) + "\n"


def drive(kb: KnowledgeBase, world: dict[str, Any]) -> list[Ask | Conclude]:
    session = start(kb, "generated")
    steps: list[Ask | Conclude] = []
    while True:
        now = next_step(kb, session)
        steps.append(now)
        if isinstance(now, Conclude):
            return steps
        session = answer(kb, session, now.question.id, world[now.question.id])


@settings(max_examples=15, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10_000), st.data())
def test_skipping_ruled_out_rules_decides_as_evaluating_them_all(
        seed: int, data: st.DataObject) -> None:
    kb = unchecked_kb(large_pack(seed))
    assert len(kb.topics["generated"].rules) >= settle.LARGE
    world = {f"q{i}": data.draw(st.sampled_from(["o0", "o1", "o2"])) for i in range(8)}

    fast = drive(kb, world)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(settle, "LARGE", 10**9)
        slow = drive(kb, world)

    assert [getattr(s, "question", None) for s in fast] == \
        [getattr(s, "question", None) for s in slow]
    end = fast[-1]
    assert isinstance(end, Conclude) and isinstance(slow[-1], Conclude)
    assert end.result.rule == slow[-1].result.rule
    for n, step in enumerate(fast[:-1]):  # "of at most" never undercounts
        assert isinstance(step, Ask)
        assert step.number <= len(fast) - 1 <= step.at_most, (n, step.at_most)
