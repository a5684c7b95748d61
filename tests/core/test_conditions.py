"""The condition language: build-time problems, three-valued evaluation and descriptions."""

from __future__ import annotations

from itertools import product
from typing import Any

import pytest

from decision_aid.core import Question, QuestionKind, Span
from decision_aid.core._conditions import Condition, ConditionBuilder, FactInfo, Node
from decision_aid.core._facts import NA, UNKNOWN, Facts
from decision_aid.core._model import Derived, DerivedKind, Option
from decision_aid.core._yamlsafe import read_yaml

FACTS = {
    "a": FactInfo("yes_no", ("yes", "no")),
    "b": FactInfo("yes_no", ("yes", "no")),
    "c": FactInfo("yes_no", ("yes", "no")),
    "one": FactInfo("single", ("p", "q", "r")),
    "pick": FactInfo("multi", ("x", "y", "z")),
    "gone": FactInfo("single", ("p", "q")),
    "gone_multi": FactInfo("multi", ("x", "y")),
    "n": FactInfo("count"),
    "flag": FactInfo("bool"),
    "empty": FactInfo("single", ()),
}


def build(text: str) -> tuple[Condition | None, list[tuple[int, int, str]], list[str]]:
    doc, problems = read_yaml("c.yaml", text)
    assert problems == []
    builder = ConditionBuilder(doc, FACTS)
    condition = builder.build(doc.data, ())
    found = [(p.span.line, p.span.col, p.code) for p in builder.problems]
    return condition, found, [p.format() for p in builder.problems]


def compile_ok(text: str) -> Condition:
    condition, found, _ = build(text)
    assert found == []
    assert condition is not None
    return condition


def _question(qid: str, kind: QuestionKind, options: tuple[str, ...],
              relevant: Condition | None = None) -> Question:
    return Question(qid, qid, "why", kind, tuple(Option(o, o) for o in options), relevant)


NEVER = Condition(Node("leaf", lambda facts: False, Span("c.yaml")))


class Index:
    """The parts of a TopicIndex that Facts reads."""

    def __init__(self) -> None:
        yes_no = ("yes", "no")
        self.questions = {
            "a": _question("a", QuestionKind.YES_NO, yes_no),
            "b": _question("b", QuestionKind.YES_NO, yes_no),
            "c": _question("c", QuestionKind.YES_NO, yes_no),
            "one": _question("one", QuestionKind.SINGLE, ("p", "q", "r")),
            "pick": _question("pick", QuestionKind.MULTI, ("x", "y", "z")),
            "gone": _question("gone", QuestionKind.SINGLE, ("p", "q"), NEVER),
            "gone_multi": _question("gone_multi", QuestionKind.MULTI, ("x", "y"), NEVER),
        }
        counted = tuple(compile_ok(f"{{fact: {f}, is: 'yes'}}") for f in "abc")
        self.derived = {
            "n": Derived("n", DerivedKind.COUNT, counted),
            "flag": Derived("flag", DerivedKind.BOOL,
                            (compile_ok("{all: [{fact: a, is: 'yes'}, {fact: b, is: 'yes'}]}"),)),
        }


def facts(**answers: Any) -> Facts:
    return Facts(Index(), answers)  # type: ignore[arg-type]


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
    assert compile_ok(text)(facts(**answers)) is expected


@pytest.mark.parametrize("text", [
    "{fact: gone, is: p}", "{fact: gone, is_not: p}", "{fact: gone, in: [p, q]}",
    "{fact: gone, not_in: [p]}", "{fact: gone_multi, has: x}",
    "{fact: gone_multi, has_any: [x, y]}", "{fact: gone_multi, has_all: [x]}",
])
def test_every_leaf_is_false_on_a_question_that_does_not_apply(text: str) -> None:
    assert facts().value("gone") is NA
    assert compile_ok(text)(facts()) is False


def test_a_question_that_does_not_apply_ignores_a_stale_answer() -> None:
    stale = facts(gone="p")

    assert stale.value("gone") is NA
    assert compile_ok("{fact: gone, is: p}")(stale) is False


def test_negating_a_question_that_does_not_apply_holds() -> None:
    assert compile_ok("{not: {fact: gone, is: p}}")(facts()) is True


def test_unanswered_question_is_unknown() -> None:
    assert facts().value("one") is UNKNOWN
    assert facts().is_open("one")
    assert not facts(one="p").is_open("one")
    assert not facts().is_open("gone")


def _completions(assignment: dict[str, str | None]) -> list[dict[str, str]]:
    free = [k for k, v in assignment.items() if v is None]
    fixed = {k: v for k, v in assignment.items() if v is not None}
    return [{**fixed, **dict(zip(free, values, strict=True))}
            for values in product(("yes", "no"), repeat=len(free))]


def _brute(condition: Condition, assignment: dict[str, str | None]) -> bool | None:
    """True if it holds in every completion of the unknown answers, False in none, else None."""
    outcomes = {condition(facts(**world)) for world in _completions(assignment)}
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
        assert condition(facts(**answers)) is _brute(condition, assignment), (op, n, assignment)


def test_count_is_bounded_by_what_is_known_and_what_may_hold() -> None:
    assert facts(a="yes", c="no").count("n") == (1, 2)
    assert facts().count("n") == (0, 3)
    assert facts(a="yes", b="yes", c="yes").count("n") == (3, 3)


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
        assert condition(facts(**answers)) is expected


@pytest.mark.parametrize(("left", "right", "expected"), [
    (True, True, True), (True, False, True), (True, None, True),
    (False, False, False), (False, None, None), (None, None, None),
])
def test_any_truth_table(left: bool | None, right: bool | None, expected: bool | None) -> None:
    for x, y in ((left, right), (right, left)):
        condition = compile_ok("{any: [{fact: a, is: yes}, {fact: b, is: yes}]}")
        answers = {k: v for k, v in (("a", _t(x)), ("b", _t(y))) if v is not None}
        assert condition(facts(**answers)) is expected


@pytest.mark.parametrize(("value", "expected"), [(True, False), (False, True), (None, None)])
def test_not_truth_table(value: bool | None, expected: bool | None) -> None:
    answers = {"a": _t(value)} if value is not None else {}

    assert compile_ok("{not: {fact: a, is: yes}}")(facts(**answers)) is expected


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
        assert condition(facts(**answers)) is _brute(condition, assignment), assignment


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

    assert condition(facts(**answers)) is expected


def test_at_least_zero_always_holds() -> None:
    assert compile_ok("{at_least: 0, of: [{fact: a, is: yes}]}")(facts()) is True


# -- describe --------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("{fact: one, is: p}", "one = p"),
    ("{fact: one, is_not: p}", "one ≠ p"),
    ("{fact: one, in: [q, p]}", "one in {p, q}"),
    ("{fact: one, not_in: [p]}", "one not in {p}"),
    ("{fact: pick, has: x}", "pick has x"),
    ("{fact: pick, has_any: [y, x]}", "pick has any of {x, y}"),
    ("{fact: pick, has_all: [x, y]}", "pick has all of {x, y}"),
    ("{fact: n, gte: 2}", "n ≥ 2"),
    ("{fact: n, gt: 2}", "n > 2"),
    ("{fact: n, lte: 2}", "n ≤ 2"),
    ("{fact: n, lt: 2}", "n < 2"),
    ("{fact: n, eq: 2}", "n = 2"),
    ("{all: [{fact: a, is: yes}, {fact: b, is: no}]}", "a = yes and b = no"),
    ("{any: [{fact: a, is: yes}, {all: [{fact: b, is: no}, {fact: c, is: yes}]}]}",
     "a = yes or (b = no and c = yes)"),
    ("{not: {fact: a, is: yes}}", "not (a = yes)"),
    ("{at_least: 1, of: [{fact: a, is: yes}, {fact: b, is: yes}]}",
     "at least 1 of (a = yes; b = yes)"),
])
def test_describe_reads_like_the_condition(text: str, expected: str) -> None:
    assert compile_ok(text).describe() == expected


def test_fact_ids_are_deduplicated_in_written_order() -> None:
    condition = compile_ok("{any: [{fact: b, is: yes}, {all: [{fact: a, is: yes}, "
                           "{fact: b, is: no}]}, {fact: n, gte: 1}]}")

    assert condition.fact_ids() == ("b", "a", "n")


def test_condition_span_is_where_it_starts() -> None:
    assert compile_ok("\n  {fact: a, is: yes}").span == Span("c.yaml", 2, 3)


# -- problems at build time ------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("{fact: on, is: p}",
                 ["c.yaml:1:8: unknown-fact 'on' is not a question or derived fact of this "
                  "topic (did you mean 'one'?)"], id="unknown-fact"),
    pytest.param("{fact: zzz, is: p}",
                 ["c.yaml:1:8: unknown-fact 'zzz' is not a question or derived fact of this "
                  "topic (declare it under questions)"], id="unknown-fact-no-match"),
    pytest.param("{fact: one, is: pp}",
                 ["c.yaml:1:17: unknown-option 'pp' is not an option of 'one' "
                  "(did you mean 'p'?)"], id="unknown-option"),
    pytest.param("{fact: one, in: [p, zz]}",
                 ["c.yaml:1:21: unknown-option 'zz' is not an option of 'one' "
                  "(options: p, q, r)"], id="unknown-option-in-list"),
    pytest.param("{fact: one, has: p}",
                 ["c.yaml:1:18: operator-kind 'has' does not fit 'one', a single fact "
                  "(use is, is_not, in, not_in)"], id="has-on-single"),
    pytest.param("{fact: pick, is: x}",
                 ["c.yaml:1:18: operator-kind 'is' does not fit 'pick', a multi fact "
                  "(use has, has_any, has_all)"], id="is-on-multi"),
    pytest.param("{fact: n, is: yes}",
                 ["c.yaml:1:15: operator-kind 'is' does not fit 'n', a count fact "
                  "(use eq, gt, gte, lt, lte)"], id="is-on-count"),
    pytest.param("{fact: a, gte: 1}",
                 ["c.yaml:1:16: operator-kind 'gte' does not fit 'a', a yes/no fact "
                  "(use is, is_not, in, not_in)"], id="gte-on-yes-no"),
    pytest.param("{fact: one, equals: p}",
                 ["c.yaml:1:13: unknown-operator 'equals' is not an operator "
                  "(use one of is, is_not, in, not_in, has, has_any, has_all, eq, gt, gte, "
                  "lt, lte)"], id="unknown-operator"),
    pytest.param("{fact: one, is: p, in: [q]}",
                 ["c.yaml:1:1: condition-shape a fact condition needs exactly one operator "
                  "(found 2) (write e.g. {fact: question_id, is: option_id})"],
                 id="two-operators"),
    pytest.param("{fact: n, gte: two}",
                 ["c.yaml:1:16: bad-operand 'gte' needs a whole number (write gte: 3)"],
                 id="count-needs-number"),
    pytest.param("{fact: one, in: p}",
                 ["c.yaml:1:17: bad-operand 'in' needs a non-empty list of option ids "
                  "(write in: [option_a, option_b])"], id="in-needs-list"),
    pytest.param("{fact: one, in: []}",
                 ["c.yaml:1:17: bad-operand 'in' needs a non-empty list of option ids "
                  "(write in: [option_a, option_b])"], id="in-empty"),
    pytest.param("{fact: a, is: true}",
                 ["c.yaml:1:15: bad-operand option ids are words, not true/false "
                  "(write the option id, e.g. yes or current_patient)"], id="boolean-operand"),
    pytest.param("{fact: one, is: 3}",
                 ["c.yaml:1:17: bad-operand option ids are words, not a number "
                  "(write the option id, e.g. yes or current_patient)"], id="number-operand"),
    pytest.param("{fact: [one], is: p}",
                 ["c.yaml:1:8: condition-shape 'fact' must be an id (write fact: question_id)"],
                 id="fact-not-an-id"),
    pytest.param("[{fact: one, is: p}]",
                 ["c.yaml:1:1: condition-shape a condition must be a mapping "
                  "(write e.g. {fact: question_id, is: option_id})"], id="not-a-mapping"),
    pytest.param("{al: [{fact: one, is: p}]}",
                 ["c.yaml:1:1: condition-shape a condition needs exactly one of all, any, not, "
                  "at_least or fact (found al) (did you mean 'all'?)"], id="misspelt-head"),
    pytest.param("{}",
                 ["c.yaml:1:1: condition-shape a condition needs exactly one of all, any, not, "
                  "at_least or fact (found nothing) (write e.g. {fact: question_id, is: "
                  "option_id} or {all: [...]})"], id="empty-mapping"),
    pytest.param("{any: []}",
                 ["c.yaml:1:2: condition-shape 'any' needs a non-empty list of conditions "
                  "(write any: [condition, ...])"], id="empty-any"),
    pytest.param("{all: {fact: one, is: p}}",
                 ["c.yaml:1:2: condition-shape 'all' needs a non-empty list of conditions "
                  "(write all: [condition, ...])"], id="all-not-a-list"),
    pytest.param("{not: {fact: one, is: p}, also: 1}",
                 ["c.yaml:1:27: condition-shape 'also' does not belong beside not "
                  "(split it into its own condition)"], id="not-with-extra-key"),
    pytest.param("{at_least: 3, of: [{fact: a, is: yes}, {fact: b, is: yes}]}",
                 ["c.yaml:1:12: bad-operand at_least 3 of 2 conditions can never hold "
                  "(use a number from 0 to 2)"], id="at-least-too-large"),
    pytest.param("{at_least: -1, of: [{fact: a, is: yes}]}",
                 ["c.yaml:1:12: bad-operand 'at_least' needs a whole number "
                  "(write at_least: 2)"], id="at-least-negative"),
    pytest.param("{at_least: true, of: [{fact: a, is: yes}]}",
                 ["c.yaml:1:12: bad-operand 'at_least' needs a whole number "
                  "(write at_least: 2)"], id="at-least-boolean"),
    pytest.param("{at_least: 1}",
                 ["c.yaml:1:1: condition-shape 'at_least' needs 'of': a list of conditions "
                  "(write {at_least: 2, of: [condition, ...]})"], id="at-least-without-of"),
    pytest.param("{all: [{fact: on, is: p}, {fact: one, is: pp}]}",
                 ["c.yaml:1:15: unknown-fact 'on' is not a question or derived fact of this "
                  "topic (did you mean 'one'?)",
                  "c.yaml:1:43: unknown-option 'pp' is not an option of 'one' "
                  "(did you mean 'p'?)"], id="every-child-reported"),
])
def test_build_problem_is_exact(text: str, expected: list[str]) -> None:
    _, _, lines = build(text)

    assert lines == expected


def test_yes_written_plainly_is_an_option_id_not_a_boolean() -> None:
    assert compile_ok("{fact: a, in: [yes, no]}")(facts(a="no")) is True


def test_two_heads_hint_does_not_suggest_a_key_already_there() -> None:
    _, _, lines = build("{all: [{fact: a, is: yes}], fact: a, is: yes}")

    assert len(lines) == 1
    assert "did you mean 'all'" not in lines[0], lines[0]


def test_missing_operand_is_not_called_a_list() -> None:
    _, _, lines = build("{fact: one, is: }")

    assert len(lines) == 1
    assert "not a list" not in lines[0], lines[0]


def test_unknown_option_hint_is_not_empty_when_the_question_has_no_options() -> None:
    _, _, lines = build("{fact: empty, is: p}")

    assert len(lines) == 1
    assert not lines[0].endswith("(options: )"), lines[0]
