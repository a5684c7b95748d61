"""checks/decisions.py: rules that can never decide, clashing rules and uncovered answers."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from packtext import REQUESTER, rule_yaml, topic_yaml

from decision_aid.core import LoadResult
from decision_aid.core._checks import decisions

LoadText = Callable[..., LoadResult]
AssertProblems = Callable[[str, list[tuple[int, int, str]]], None]

URGENT = """\
  - id: urgent
    prompt: Is it urgent?
    why: Urgent symptoms come first.
    kind: yes_no
"""
FIRST_RULE = 26  # the line of the first rule after REQUESTER + URGENT


def pack(*rules: str) -> str:
    return topic_yaml(REQUESTER + URGENT + "rules:\n" + "".join(rules))


def test_equal_priority_with_the_same_verdict_is_no_conflict(
        assert_problems: AssertProblems) -> None:
    assert_problems(pack(rule_yaml("patient", 10, "{fact: requester, is: patient}", "avoid"),
                         rule_yaml("urgent", 10, "{fact: urgent, is: yes}", "avoid"),
                         rule_yaml("default", 0)), [])


def test_equal_priority_that_never_overlaps_is_no_conflict(
        assert_problems: AssertProblems) -> None:
    assert_problems(pack(rule_yaml("patient", 10, "{fact: requester, is: patient}", "avoid"),
                         rule_yaml("colleague", 10, "{all: [{fact: requester, is: colleague}, "
                                   "{fact: urgent, is: yes}]}", "acceptable"),
                         rule_yaml("default", 0)), [])


def test_conflict_is_reported_on_the_later_rule(assert_problems: AssertProblems) -> None:
    assert_problems(pack(rule_yaml("patient", 10, "{fact: requester, is: patient}", "avoid"),
                         rule_yaml("urgent", 10, "{fact: urgent, is: yes}", "caution"),
                         rule_yaml("default", 0)),
                    [(FIRST_RULE + 14, 5, "rule-conflict")])


def test_fallback_below_a_rule_that_always_holds_is_unreachable(
        assert_problems: AssertProblems) -> None:
    assert_problems(pack(rule_yaml("always", 10, "{all: [{fact: urgent, in: [yes, no]}, "
                                   "{fact: requester, in: [patient, colleague]}]}", "avoid"),
                         rule_yaml("default", 0)),
                    [(FIRST_RULE + 14, 5, "unreachable-rule")])


def test_two_fallbacks_make_the_lower_one_unreachable(assert_problems: AssertProblems) -> None:
    assert_problems(pack(rule_yaml("patient", 10, "{all: [{fact: requester, is: patient}, "
                                   "{fact: urgent, is: yes}]}", "avoid"),
                         rule_yaml("first", 1), rule_yaml("second", 0)),  # a fallback is 14 lines
                    [(FIRST_RULE + 29, 5, "unreachable-rule")])


def test_uncovered_answers_name_an_example(load_text: LoadText) -> None:
    result = load_text(topic_yaml(REQUESTER + "rules:\n" + rule_yaml(
        "patient", 10, "{fact: requester, is: patient}", "avoid")))

    messages = [p.message for p in result.problems]
    assert messages == ["no rule of topic 'inline' holds for requester=colleague"]


def test_too_many_combinations_is_a_warning_not_an_error(
        load_text: LoadText, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(decisions, "SEARCH_BUDGET", 1)
    result = load_text(topic_yaml(REQUESTER + "rules:\n" + rule_yaml(
        "patient", 10, "{fact: requester, is: patient}", "avoid") + rule_yaml("default", 0)))

    found = {(p.code, p.severity.value) for p in result.problems}
    assert found == {("analysis-incomplete", "warning")}
    # every rule is still tried: one unfinished search does not abandon the topic
    assert len(result.problems) >= 2
    assert result.ok


def test_the_check_stops_at_its_bound_per_topic_and_says_where(
        load_text: LoadText, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(decisions, "TOPIC_BUDGET", 1)
    result = load_text(pack(rule_yaml("patient", 10, "{all: [{fact: requester, is: patient}, "
                                      "{fact: urgent, is: yes}]}", "avoid"),
                            rule_yaml("default", 0)))

    assert [(p.code, p.severity.value) for p in result.problems] == [
        ("analysis-incomplete", "warning")]
    assert "stopped at rule 'patient'" in result.problems[0].message
    assert result.ok
