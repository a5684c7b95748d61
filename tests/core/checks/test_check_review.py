"""checks/review.py: content past its review date, and topics without one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from packtext import REQUESTER, rule_yaml, topic_yaml

from decision_aid.core import LoadResult

LoadText = Callable[..., LoadResult]

TEXT = topic_yaml(REQUESTER + "rules:\n" + rule_yaml(
    "patient", 10, "{fact: requester, is: patient}", "avoid") + rule_yaml("default", 0))


@pytest.mark.parametrize(("today", "expected"), [
    (date(2027, 5, 31), []),
    (date(2027, 6, 1), []),
    (date(2027, 6, 2), ["review-overdue"]),
])
def test_overdue_only_after_the_due_date(load_text: LoadText, today: date,
                                         expected: list[str]) -> None:
    result = load_text(TEXT, today=today)

    assert [p.code for p in result.problems] == expected
    assert result.ok


def test_overdue_warning_names_the_topic_and_date(load_text: LoadText) -> None:
    result = load_text(TEXT, today=date(2028, 1, 1))

    assert [p.format().split(": ", 1)[1] for p in result.problems] == [
        "review-overdue warning: topic 'inline' was due for review on 2027-06-01 "
        "(review it, then update reviewed and review_due)"]


def test_missing_review_due_is_a_warning(load_text: LoadText) -> None:
    result = load_text(TEXT.replace("  review_due: 2027-06-01\n", ""))

    assert [(p.code, p.severity.value, p.span.line) for p in result.problems] == [
        ("no-review-due", "warning", 2)]
    assert result.ok
