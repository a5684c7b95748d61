"""checks/usage.py: questions no rule needs, and topics free text cannot find."""

from __future__ import annotations

from collections.abc import Callable

from packtext import REQUESTER, rule_yaml, topic_yaml

AssertProblems = Callable[[str, list[tuple[int, int, str]]], None]

PLATFORM = """\
  - id: platform
    prompt: Which account?
    why: Personal accounts carry more risk.
    kind: single
    options:
      - {id: personal, label: My personal account}
      - {id: professional, label: My professional account}
"""
URGENT = """\
  - id: urgent
    prompt: Is it urgent?
    why: Urgent symptoms come first.
    kind: yes_no
    relevant: {fact: platform, is: personal}
"""


def test_question_read_only_through_relevance_is_needed(assert_problems: AssertProblems) -> None:
    text = topic_yaml(REQUESTER + PLATFORM + URGENT + "rules:\n"
                      + rule_yaml("urgent", 10, "{fact: urgent, is: yes}", "avoid")
                      + rule_yaml("patient", 5, "{fact: requester, is: patient}", "avoid")
                      + rule_yaml("default", 0))

    assert_problems(text, [])


def test_question_read_only_through_a_derived_fact_is_needed(
        assert_problems: AssertProblems) -> None:
    text = topic_yaml(REQUESTER + PLATFORM + """\
derived:
  - id: risky
    when: {all: [{fact: requester, is: patient}, {fact: platform, is: personal}]}
rules:
""" + rule_yaml("risky", 10, "{fact: risky, is: yes}", "avoid") + rule_yaml("default", 0))

    assert_problems(text, [])


def test_question_read_only_by_an_unused_derived_fact_is_unused(
        assert_problems: AssertProblems) -> None:
    text = topic_yaml(REQUESTER + PLATFORM + """\
derived:
  - id: risky
    when: {fact: platform, is: personal}
rules:
""" + rule_yaml("patient", 10, "{fact: requester, is: patient}", "avoid")
        + rule_yaml("default", 0))

    assert_problems(text, [(21, 5, "unused-question")])


def test_every_unused_question_is_reported(assert_problems: AssertProblems) -> None:
    text = topic_yaml(REQUESTER + PLATFORM + URGENT.replace("    relevant: {fact: platform, "
                                                            "is: personal}\n", "")
                      + "rules:\n" + rule_yaml("default", 0))

    assert_problems(text, [(14, 5, "unused-question"), (21, 5, "unused-question"),
                           (28, 5, "unused-question")])


def test_topic_without_triggers_is_a_warning(assert_problems: AssertProblems) -> None:
    text = topic_yaml(REQUESTER + "rules:\n"
                      + rule_yaml("patient", 10, "{fact: requester, is: patient}", "avoid")
                      + rule_yaml("default", 0)).replace("  triggers: [inline request]\n", "")

    assert_problems(text, [(2, 3, "no-triggers")])
