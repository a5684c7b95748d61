"""The decisions check's search (core/_reach.py) against every answer set of small packs."""

from __future__ import annotations

import json
from itertools import combinations, product
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_bounded_steps import unchecked_kb
from test_large_topics import large_pack
from test_properties import random_topics

from decision_aid.core import QuestionKind, Topic
from decision_aid.core._build import build_topic
from decision_aid.core._compiled import compiled
from decision_aid.core._reach import RuleSearch
from decision_aid.core._session import prune
from decision_aid.core._worlds import Budget
from decision_aid.core._yamlsafe import read_yaml


def every_world(topic: Topic) -> list[list[int]]:
    """The state of every complete answer set (answers to questions that do not apply
    pruned, as a session would hold them)."""
    per_question: list[list[Any]] = []
    for q in topic.questions:
        ids = q.option_ids
        if q.kind is QuestionKind.MULTI:
            per_question.append([c for n in range(len(ids) + 1) for c in combinations(ids, n)
                                 if q.clash(c) is None])
        else:
            per_question.append(list(ids))
    form = compiled(topic)
    out = []
    for picked in product(*per_question):
        answers = prune(topic, tuple(zip((q.id for q in topic.questions), picked, strict=True)))
        out.append(form.state(answers))
    return out


def first_true(form: Any, state: list[int], musts: tuple[int, ...], before: int) -> bool:
    truths = [True if r.fn is None else r.fn(state) for r in form.rules]
    assert None not in truths
    return all(truths[k] for k in musts) and not any(truths[:before])


def inside(form: Any, region: list[int], world: list[int]) -> bool:
    """Whether a complete answer set lies in the region a witness describes. The witness
    may leave a question several values when each of them rules the same rules out
    (core/_kills.py), which three-valued evaluation of the region alone cannot show."""
    for slot in form.layout.slots[: form.layout.questions]:
        r, w = region[slot.index], world[slot.index]
        if slot.kind != "multi" or w == slot.na:
            if w & ~r:
                return False
            continue
        must_r, may_r = r & slot.full, r >> slot.width & slot.full
        chosen = w & slot.full
        if must_r & ~chosen or chosen & ~may_r:
            return False
    return True


@settings(max_examples=40, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(random_topics())
def test_the_search_finds_exactly_the_answer_sets_there_are(made: tuple[Topic, str]) -> None:
    check_every_search(made[0])


def test_a_witness_may_leave_values_that_all_rule_the_same_rules_out() -> None:
    """Found by the test above: r1 can never hold, and the witness for 'the fallback is
    first' left q0 as o1-or-o2 (both kill r1), where r1 evaluates to unknown."""
    either = {"id": "q0", "prompt": "P", "why": "W", "kind": "single",
              "options": [{"id": o, "label": o} for o in ("o0", "o1", "o2")]}
    two = {"id": "q1", "prompt": "P", "why": "W", "kind": "single",
           "options": [{"id": o, "label": o} for o in ("o0", "o1")]}
    body = {"headline": "H", "reasons": ["R"], "actions": ["A"], "sources": ["demo-source"],
            "limits": "L", "verdict": "avoid",
            "evidence": {"strength": "strong", "certainty": "high", "scale": "GRADE",
                         "basis": "expert-opinion"}}
    rules = [{"id": "r0", "priority": 1, "when": {"any": [{"fact": "q0", "is": "o0"},
                                                          {"fact": "q1", "is": "o0"}]}},
             {"id": "r1", "priority": 1, "when": {"all": [{"fact": "q0", "is": "o1"},
                                                          {"fact": "q0", "is": "o2"}]}},
             {"id": "fallback", "priority": 0}]
    data = {"topic": {"id": "random", "title": "Random", "summary": "S", "decision": "D",
                      "version": "1.0", "reviewed": "2026-01-01"},
            "questions": [either, two], "rules": [{**body, **r} for r in rules]}
    doc, problems = read_yaml("random.yaml", json.dumps(data))
    topic, problems = build_topic(doc, "random")
    assert topic is not None and problems == []
    check_every_search(topic)


def check_every_search(topic: Topic) -> None:
    """Every search of `topic` (each rule first, each pair, none above) against every
    complete answer set."""
    form = compiled(topic)
    search = RuleSearch(form)
    worlds = every_world(topic)
    n = len(form.rules)
    questions: list[tuple[tuple[int, ...], int]] = [((k,), k) for k in range(n)]
    questions += [((a, b), a) for a, b in combinations(range(n), 2)]
    questions += [((), n), *(((k,), 0) for k in range(n))]
    for musts, before in questions:
        found = search.first(musts, before, Budget(10**7))
        exists = any(first_true(form, w, musts, before) for w in worlds)
        assert (found is not None) == exists, (musts, before)
        if found is not None:  # every answer set the witness allows qualifies
            region = form.evaluate(found)
            allowed = [w for w in worlds if inside(form, region, w)]
            assert allowed, (musts, before)
            assert all(first_true(form, w, musts, before) for w in allowed), (musts, before)


@settings(max_examples=6, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10_000))
def test_on_a_larger_pack_the_rules_that_can_decide_are_exactly_the_winners(
        seed: int) -> None:
    topic = unchecked_kb(large_pack(seed)).topics["generated"]
    form = compiled(topic)
    search = RuleSearch(form)
    winners = set()
    for state in every_world(topic):
        winners.add(next(r.index for r in form.rules if r.fn is None or r.fn(state)))

    reachable = {k for k in range(len(form.rules))
                 if search.first((k,), k, Budget(10**7)) is not None}

    assert reachable == winners
