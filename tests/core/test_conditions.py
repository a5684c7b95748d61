"""The condition language: the tree it builds, its descriptions and build-time problems.

Evaluation over a topic's compiled state is tested in test_compile.py.
"""

from __future__ import annotations

import pytest

from decision_aid.core._conditions import Condition, ConditionBuilder, FactInfo
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


def test_a_leaf_keeps_its_fact_operator_and_operand() -> None:
    root = compile_ok("{fact: one, in: [q, p]}").root

    assert (root.kind, root.fact, root.op, root.operand) == ("leaf", "one", "in",
                                                            frozenset({"p", "q"}))


def test_branches_keep_their_children_in_written_order() -> None:
    root = compile_ok("{at_least: 1, of: [{fact: a, is: yes}, {not: {fact: b, is: no}}]}").root

    assert (root.kind, root.operand) == ("at_least", 1)
    assert [c.kind for c in root.children] == ["leaf", "not"]
    assert root.children[1].children[0].fact == "b"


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
    assert compile_ok("{fact: a, in: [yes, no]}").root.operand == frozenset({"yes", "no"})


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
