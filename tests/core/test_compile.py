"""Conditions compiled over a topic's state: three-valued leaves and branches, the slot
encoding of answers, relevance, derived facts, and which rules need no search."""

from __future__ import annotations

from itertools import product
from typing import Any

import pytest
from test_conditions import compile_ok

from decision_aid.core import Question, QuestionKind, Topic
from decision_aid.core._compiled import compiled
from decision_aid.core._conditions import Condition
from decision_aid.core._facts import count_range
from decision_aid.core._model import Derived, DerivedKind, Evidence, Option, Rule, Verdict


def _question(qid: str, kind: QuestionKind, options: tuple[str, ...],
              relevant: Condition | None = None) -> Question:
    return Question(qid, qid, "why", kind, tuple(Option(o, o) for o in options), relevant)


NEVER = compile_ok("{fact: n, gt: 3}")  # n counts three conditions: never more than 3
YES_NO = ("yes", "no")
EVIDENCE = Evidence("strong", "high", "GRADE", "expert-opinion")


def _rule(rid: str, when: Condition | None) -> Rule:
    return Rule(rid, 1, when, Verdict.CAUTION, "H", (), (), (), EVIDENCE, "L")


def make_topic(*rules: Rule) -> Topic:
    return Topic(
        id="t", title="T", summary="S", decision="D", version="1", reviewed="2026-01-01",
        review_due=None, triggers=(),
        questions=(
            _question("a", QuestionKind.YES_NO, YES_NO),
            _question("b", QuestionKind.YES_NO, YES_NO),
            _question("c", QuestionKind.YES_NO, YES_NO),
            _question("one", QuestionKind.SINGLE, ("p", "q", "r")),
            _question("pick", QuestionKind.MULTI, ("x", "y", "z")),
            _question("gone", QuestionKind.SINGLE, ("p", "q"), NEVER),
            _question("gone_multi", QuestionKind.MULTI, ("x", "y"), NEVER),
        ),
        derived=(
            Derived("n", DerivedKind.COUNT,
                    tuple(compile_ok(f"{{fact: {f}, is: 'yes'}}") for f in "abc")),
            Derived("flag", DerivedKind.BOOL,
                    (compile_ok("{all: [{fact: a, is: 'yes'}, {fact: b, is: 'yes'}]}"),)),
        ),
        rules=rules)


TOPIC = make_topic()


def state(**answers: Any) -> list[int]:
    return compiled(TOPIC).state(answers.items())


def truth(condition: Condition, **answers: Any) -> bool | None:
    return compiled(TOPIC).truth(condition, state(**answers))


def slot(fact: str) -> int:
    return compiled(TOPIC).layout.index[fact]


# -- leaves ----------------------------------------------------------------------------------
LEAF_CASES = [
    # condition, answers, expected
    ("{fact: one, is: p}", {"one": "p"}, True),
    ("{fact: one, is: p}", {"one": "q"}, False),
    ("{fact: one, is: p}", {}, None),
    ("{fact: one, is_not: p}", {"one": "q"}, True),
    ("{fact: one, is_not: p}", {"one": "p"}, False),
    ("{fact: one, is_not: p}", {}, None),
    ("{fact: one, in: [p, q]}", {"one": "q"}, True),
    ("{fact: one, in: [p, q]}", {"one": "r"}, False),
    ("{fact: one, in: [p, q]}", {}, None),
    ("{fact: one, not_in: [p, q]}", {"one": "r"}, True),
    ("{fact: one, not_in: [p, q]}", {"one": "p"}, False),
    ("{fact: one, not_in: [p, q]}", {}, None),
    ("{fact: pick, has: x}", {"pick": frozenset({"x", "y"})}, True),
    ("{fact: pick, has: x}", {"pick": frozenset()}, False),
    ("{fact: pick, has: x}", {}, None),
    ("{fact: pick, has_any: [x, y]}", {"pick": frozenset({"y"})}, True),
    ("{fact: pick, has_any: [x, y]}", {"pick": frozenset({"z"})}, False),
    ("{fact: pick, has_any: [x, y]}", {}, None),
    ("{fact: pick, has_all: [x, y]}", {"pick": frozenset({"x", "y", "z"})}, True),
    ("{fact: pick, has_all: [x, y]}", {"pick": frozenset({"x"})}, False),
    ("{fact: pick, has_all: [x, y]}", {}, None),
    ("{fact: a, is: yes}", {"a": "yes"}, True),
    ("{fact: a, is: no}", {"a": "yes"}, False),
    ("{fact: flag, is: yes}", {"a": "yes", "b": "yes"}, True),
    ("{fact: flag, is: no}", {"a": "yes", "b": "no"}, True),
    ("{fact: flag, is: yes}", {"a": "yes"}, None),
    ("{fact: flag, is: yes}", {"a": "no"}, False),
]


@pytest.mark.parametrize(("text", "answers", "expected"), LEAF_CASES,
                         ids=[f"{t} {a}" for t, a, _ in LEAF_CASES])
def test_leaf_operator_is_three_valued(text: str, answers: dict[str, Any],
                                       expected: bool | None) -> None:
    assert truth(compile_ok(text), **answers) is expected


@pytest.mark.parametrize("text", [
    "{fact: gone, is: p}", "{fact: gone, is_not: p}", "{fact: gone, in: [p, q]}",
    "{fact: gone, not_in: [p]}", "{fact: gone_multi, has: x}",
    "{fact: gone_multi, has_any: [x, y]}", "{fact: gone_multi, has_all: [x]}",
])
def test_every_leaf_is_false_on_a_question_that_does_not_apply(text: str) -> None:
    assert compiled(TOPIC).applies(state(), "gone") is False
    assert truth(compile_ok(text)) is False


def test_a_question_that_does_not_apply_ignores_a_stale_answer() -> None:
    assert compiled(TOPIC).applies(state(gone="p"), "gone") is False
    assert truth(compile_ok("{fact: gone, is: p}"), gone="p") is False


def test_negating_a_question_that_does_not_apply_holds() -> None:
    assert truth(compile_ok("{not: {fact: gone, is: p}}")) is True


def test_an_unanswered_question_keeps_every_option_open() -> None:
    layout = compiled(TOPIC).layout
    one, pick = layout.slots[slot("one")], layout.slots[slot("pick")]

    assert state()[one.index] == one.open_value() == 0b111
    assert state(one="q")[one.index] == 0b010
    assert state()[pick.index] == 0b111_000  # nothing certainly chosen, everything may be
    assert state(pick=("x", "z"))[pick.index] == 0b101_101
    assert state()[slot("gone")] == layout.slots[slot("gone")].na


def _completions(assignment: dict[str, str | None]) -> list[dict[str, str]]:
    free = [k for k, v in assignment.items() if v is None]
    fixed = {k: v for k, v in assignment.items() if v is not None}
    return [{**fixed, **dict(zip(free, values, strict=True))}
            for values in product(("yes", "no"), repeat=len(free))]


def _brute(condition: Condition, assignment: dict[str, str | None]) -> bool | None:
    """True if it holds in every completion of the unknown answers, False in none, else None."""
    outcomes = {truth(condition, **world) for world in _completions(assignment)}
    assert None not in outcomes
    return outcomes.pop() if len(outcomes) == 1 else None


ASSIGNMENTS = [dict(zip("abc", values, strict=True))
               for values in product(("yes", "no", None), repeat=3)]


@pytest.mark.parametrize("op", ["eq", "gt", "gte", "lt", "lte"])
@pytest.mark.parametrize("n", [0, 1, 2, 3])
def test_count_comparison_is_exact_over_unknown_answers(op: str, n: int) -> None:
    condition = compile_ok(f"{{fact: n, {op}: {n}}}")

    for assignment in ASSIGNMENTS:
        answers = {k: v for k, v in assignment.items() if v is not None}
        assert truth(condition, **answers) is _brute(condition, assignment), (op, n, assignment)


def test_count_is_bounded_by_what_is_known_and_what_may_hold() -> None:
    n = slot("n")

    assert count_range(state(a="yes", c="no")[n]) == (1, 2)
    assert count_range(state()[n]) == (0, 3)
    assert count_range(state(a="yes", b="yes", c="yes")[n]) == (3, 3)


# -- branches --------------------------------------------------------------------------------
YES, NO = "{fact: a, is: yes}", "{fact: a, is: no}"


def _t(value: bool | None) -> str | None:
    return None if value is None else ("yes" if value else "no")


@pytest.mark.parametrize(("left", "right", "expected"), [
    (True, True, True), (True, False, False), (True, None, None),
    (False, False, False), (False, None, False), (None, None, None),
])
def test_all_truth_table(left: bool | None, right: bool | None, expected: bool | None) -> None:
    for x, y in ((left, right), (right, left)):
        condition = compile_ok("{all: [{fact: a, is: yes}, {fact: b, is: yes}]}")
        answers = {k: v for k, v in (("a", _t(x)), ("b", _t(y))) if v is not None}
        assert truth(condition, **answers) is expected


@pytest.mark.parametrize(("left", "right", "expected"), [
    (True, True, True), (True, False, True), (True, None, True),
    (False, False, False), (False, None, None), (None, None, None),
])
def test_any_truth_table(left: bool | None, right: bool | None, expected: bool | None) -> None:
    for x, y in ((left, right), (right, left)):
        condition = compile_ok("{any: [{fact: a, is: yes}, {fact: b, is: yes}]}")
        answers = {k: v for k, v in (("a", _t(x)), ("b", _t(y))) if v is not None}
        assert truth(condition, **answers) is expected


@pytest.mark.parametrize(("value", "expected"), [(True, False), (False, True), (None, None)])
def test_not_truth_table(value: bool | None, expected: bool | None) -> None:
    answers = {"a": _t(value)} if value is not None else {}

    assert truth(compile_ok("{not: {fact: a, is: yes}}"), **answers) is expected


@pytest.mark.parametrize("text", [
    "{all: [{fact: a, is: yes}, {fact: b, is: yes}, {fact: c, is: yes}]}",
    "{any: [{fact: a, is: yes}, {fact: b, is: yes}, {fact: c, is: yes}]}",
    "{not: {any: [{fact: a, is: yes}, {fact: b, is: no}]}}",
    "{all: [{fact: a, is: yes}, {any: [{fact: b, is: yes}, {not: {fact: c, is: yes}}]}]}",
    *(f"{{at_least: {k}, of: [{{fact: a, is: yes}}, {{fact: b, is: yes}}, "
      f"{{fact: c, is: yes}}]}}" for k in range(4)),
])
def test_branches_are_exact_kleene_logic_over_independent_facts(text: str) -> None:
    condition = compile_ok(text)

    for assignment in ASSIGNMENTS:
        answers = {k: v for k, v in assignment.items() if v is not None}
        assert truth(condition, **answers) is _brute(condition, assignment), assignment


@pytest.mark.parametrize(("answers", "expected"), [
    ({"a": "yes", "b": "yes"}, True),
    ({"a": "yes"}, None),
    ({"a": "yes", "b": "no", "c": "no"}, False),
    ({"a": "no", "b": "no"}, False),
    ({}, None),
])
def test_at_least_two_of_three(answers: dict[str, str], expected: bool | None) -> None:
    condition = compile_ok("{at_least: 2, of: [{fact: a, is: yes}, {fact: b, is: yes}, "
                           "{fact: c, is: yes}]}")

    assert truth(condition, **answers) is expected


def test_at_least_zero_always_holds() -> None:
    assert truth(compile_ok("{at_least: 0, of: [{fact: a, is: yes}]}")) is True


# -- what the set of open values knows ----------------------------------------------------------
@pytest.mark.parametrize(("text", "answers", "expected"), [
    ("{fact: one, in: [p, q, r]}", {}, True),  # every option: holds before any answer
    ("{fact: one, not_in: [p, q, r]}", {}, False),
    ("{fact: pick, has_any: [x, y, z]}", {}, None),  # the empty answer is possible
    ("{fact: a, in: ['yes', 'no']}", {}, True),
    ("{fact: n, lte: 3}", {}, True),
    ("{fact: flag, in: ['yes', 'no']}", {}, True),
])
def test_a_condition_every_answer_satisfies_holds_before_it_is_answered(
        text: str, answers: dict[str, Any], expected: bool | None) -> None:
    assert truth(compile_ok(text), **answers) is expected


def test_an_answer_before_its_question_applies_is_not_yet_counted() -> None:
    # `gone_multi` never applies; an answer given to it anyway decides nothing
    assert truth(compile_ok("{fact: gone_multi, has: x}"), gone_multi=("x",)) is False
    assert truth(compile_ok("{not: {fact: gone_multi, has: x}}"), gone_multi=("x",)) is True


# -- which rules need a search ---------------------------------------------------------------------
P = "{at_least: 2, of: [{fact: a, is: 'yes'}, {fact: b, is: 'yes'}, {fact: c, is: 'yes'}]}"


@pytest.mark.parametrize(("text", "exact", "read_once"), [
    ("{all: [{fact: a, is: 'yes'}, {fact: one, in: [p, q]}]}", True, True),
    ("{all: [{fact: a, is: 'yes'}, {any: [{fact: a, is: 'yes'}, {fact: b, is: 'no'}]}]}",
     True, False),  # `a` is read twice, the same way
    (f"{{any: [{P}, {{not: {P}}}]}}", False, False),  # always true; Kleene logic cannot tell
    ("{any: [{fact: one, is: p}, {fact: one, is: q}]}", False, False),  # two options of one
    ("{all: [{fact: pick, has: x}, {not: {fact: pick, has: y}}]}", True, True),
    ("{all: [{fact: pick, has: x}, {not: {fact: pick, has: x}}]}", False, False),
    ("{fact: n, eq: 2}", True, True),
    ("{all: [{fact: n, eq: 2}, {fact: a, is: 'yes'}]}", False, False),
    ("{all: [{fact: n, gte: 2}, {fact: a, is: 'yes'}]}", True, False),
    ("{all: [{fact: flag, is: 'no'}, {fact: a, is: 'yes'}]}", False, False),
])
def test_rules_are_classified_once(text: str, exact: bool, read_once: bool) -> None:
    rule = compiled(make_topic(_rule("r", compile_ok(text)))).rules[0]

    assert (rule.exact, rule.read_once) == (exact, read_once)


ANSWERS: dict[str, tuple[Any, ...]] = {
    "a": YES_NO, "b": YES_NO, "c": YES_NO, "one": ("p", "q", "r"),
    "pick": ((), ("x",), ("y",), ("x", "y")),
}
EXACT = [
    "{all: [{fact: a, is: 'yes'}, {any: [{fact: a, is: 'yes'}, {fact: b, is: 'no'}]}]}",
    "{all: [{fact: pick, has: x}, {not: {fact: pick, has: y}}, {fact: one, in: [p, q]}]}",
    "{any: [{fact: pick, has_all: [x, y]}, {all: [{fact: one, is_not: r}, {fact: a, is: 'no'}]}]}",
    "{not: {all: [{fact: n, gte: 1}, {fact: one, not_in: [p]}]}}",
]


@pytest.mark.parametrize("text", EXACT)
def test_an_exact_rule_is_decided_exactly_by_three_valued_logic(text: str) -> None:
    condition = compile_ok(text)
    assert compiled(make_topic(_rule("r", condition))).rules[0].exact
    names = sorted(ANSWERS)
    for known in product(*((None, *ANSWERS[q]) for q in names)):
        given = {q: v for q, v in zip(names, known, strict=True) if v is not None}
        free = [q for q in names if q not in given]
        outcomes = {truth(condition, **given, **dict(zip(free, values, strict=True)))
                    for values in product(*(ANSWERS[q] for q in free))}
        expected = outcomes.pop() if len(outcomes) == 1 else None
        assert truth(condition, **given) is expected, given


