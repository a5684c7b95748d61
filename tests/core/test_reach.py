"""The decisions check's search (core/_reach.py) against every answer set of small packs."""

from __future__ import annotations

from itertools import combinations, product
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_bounded_steps import unchecked_kb
from test_large_topics import large_pack
from test_properties import random_topics

from decision_aid.core import QuestionKind, Topic
from decision_aid.core._compiled import compiled
from decision_aid.core._reach import RuleSearch
from decision_aid.core._session import prune
from decision_aid.core._worlds import Budget


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


@settings(max_examples=40, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(random_topics())
def test_the_search_finds_exactly_the_answer_sets_there_are(made: tuple[Topic, str]) -> None:
    topic, _ = made
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
            state = form.evaluate(found)
            for k in musts:
                fn = form.rules[k].fn
                assert fn is None or fn(state) is True
            assert all(r.fn is not None and r.fn(state) is False for r in form.rules[:before])


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
