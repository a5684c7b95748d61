"""Problems as values: one-line format, ordering, and did-you-mean hints."""

from __future__ import annotations

import pytest

from decision_aid.core import Problem, RulePackError, Severity, Span
from decision_aid.core._problems import did_you_mean


def test_error_format_is_path_line_col_code_message_hint() -> None:
    problem = Problem(Span("rules/a.yaml", 14, 9), "unknown-fact", "'x' is not a fact",
                      "did you mean 'y'?")

    assert problem.format() == "rules/a.yaml:14:9: unknown-fact 'x' is not a fact " \
                               "(did you mean 'y'?)"
    assert problem.is_error


def test_warning_format_says_warning() -> None:
    problem = Problem(Span("a.yaml", 1, 1), "no-triggers", "no triggers", None,
                      Severity.WARNING)

    assert problem.format() == "a.yaml:1:1: no-triggers warning: no triggers"
    assert not problem.is_error


def test_span_without_a_line_prints_only_the_path() -> None:
    assert str(Span("a.yaml")) == "a.yaml"
    assert Problem(Span("a.yaml"), "file-unreadable", "gone").format() == \
        "a.yaml: file-unreadable gone"


def test_problems_sort_by_file_then_position() -> None:
    problems = [Problem(Span("b.yaml", 1, 1), "x", "m"), Problem(Span("a.yaml", 9, 1), "x", "m"),
                Problem(Span("a.yaml", 2, 7), "x", "m"), Problem(Span("a.yaml", 2, 3), "x", "m")]

    assert [str(p.span) for p in sorted(problems)] == ["a.yaml:2:3", "a.yaml:2:7", "a.yaml:9:1",
                                                       "b.yaml:1:1"]


@pytest.mark.parametrize(("name", "candidates", "expected"), [
    ("requestor", ["requester", "platform"], "did you mean 'requester'?"),
    ("avod", ["avoid", "caution"], "did you mean 'avoid'?"),
    ("zzz", ["requester"], None),
    ("x", [], None),
])
def test_did_you_mean(name: str, candidates: list[str], expected: str | None) -> None:
    assert did_you_mean(name, candidates) == expected


def test_rule_pack_error_carries_every_problem() -> None:
    problems = [Problem(Span("a.yaml", 1, 1), "x", "first"), Problem(Span("a.yaml", 2, 1), "y",
                                                                      "second")]

    error = RulePackError(problems)

    assert error.problems == tuple(problems)
    assert str(error) == "a.yaml:1:1: x first (and 1 more)"
    assert str(RulePackError([])) == "rule packs failed to load"


@pytest.mark.parametrize("value", [
    pytest.param("x" * 3_100, id="long"),
    pytest.param("a\nb\rc\u2028d\u0085e", id="line-breaks"),
    pytest.param("\x1b]0;owned\x07\x1b[31mred", id="terminal-escapes"),
    pytest.param("admin\u202e\u2066txt.exe", id="bidi-controls"),
])
def test_a_problem_quoting_hostile_pack_text_is_one_short_plain_line(value: str) -> None:
    # found by the loader fuzz (issue 12): unknown-option quoted a 3,100-character operand
    # whole; a pack's own text could also break the line or drive the terminal
    problem = Problem(Span("a.yaml", 3, 5), "unknown-option", f"'{value}' is not an option",
                      "options: " + ", ".join([value] * 3))

    for text in (problem.format(), str(problem.to_dict()["message"]),
                 str(problem.to_dict()["hint"])):
        assert len(text.splitlines()) == 1 and len(text) < 400
        assert not any(ord(c) < 32 or 0x7f <= ord(c) < 0xa0 or c in "\u2028\u202e\u2066"
                       for c in text), text
    assert problem.format().startswith("a.yaml:3:5: unknown-option '")


@pytest.mark.parametrize(("value", "shown"), [
    ("Mr Jonathan Quillfeather", None),
    ("call 07700 900461", None),
    ("Mr Jonathan Quillfeather DOB 03/04/1951 MRN 88127734 and much more besides", None),
    ("patient", "'patient'"),
    ("x" * 100, "'" + "x" * 44 + "…' (100 characters)"),
])
def test_quote_never_repeats_an_identifier(value: str, shown: str | None) -> None:
    # issue 12: `ask --answer requester=<a name and a DOB>` repeated them in its error
    from decision_aid.core._problems import HIDDEN, quote

    assert quote(value) == (shown or HIDDEN)
