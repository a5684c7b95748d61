"""checks/cycles.py: facts and relevance conditions that depend on themselves."""

from __future__ import annotations

from collections.abc import Callable

from packtext import REQUESTER, rule_yaml, topic_yaml

AssertProblems = Callable[[str, list[tuple[int, int, str]]], None]

PLATFORM = """\
  - id: platform
    prompt: Which account?
    why: Personal accounts carry more risk.
    kind: single
    relevant: {relevant}
    options:
      - {{id: personal, label: My personal account}}
      - {{id: professional, label: My professional account}}
"""

RULES = "rules:\n" + rule_yaml("personal", 10, "{fact: platform, is: personal}", "avoid") \
    + rule_yaml("patient", 5, "{fact: requester, is: patient}", "avoid") + rule_yaml("default", 0)


def test_derived_fact_defined_by_itself(assert_problems: AssertProblems) -> None:
    text = topic_yaml(REQUESTER + """\
derived:
  - id: loop
    when: {any: [{fact: loop, is: yes}, {fact: requester, is: patient}]}
""" + "rules:\n" + rule_yaml("loop", 10, "{fact: loop, is: yes}", "avoid")
        + rule_yaml("default", 0))

    assert_problems(text, [(22, 5, "derived-cycle")])


def test_question_relevant_on_itself(assert_problems: AssertProblems) -> None:
    text = topic_yaml(REQUESTER + PLATFORM.format(relevant="{fact: platform, is: personal}")
                      + RULES)

    assert_problems(text, [(21, 5, "relevance-cycle")])


def test_relevance_cycle_through_a_derived_fact(assert_problems: AssertProblems) -> None:
    text = topic_yaml(REQUESTER + PLATFORM.format(relevant="{fact: personal_account, is: yes}")
                      + """\
derived:
  - id: personal_account
    when: {fact: platform, is: personal}
""" + RULES)

    assert_problems(text, [(21, 5, "relevance-cycle")])


def test_relevance_on_an_earlier_question_is_no_cycle(assert_problems: AssertProblems) -> None:
    text = topic_yaml(REQUESTER + PLATFORM.format(relevant="{fact: requester, is: patient}")
                      + RULES)

    assert_problems(text, [])
