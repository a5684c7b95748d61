"""checks/balance.py: options shown with benefits and harms in comparable detail (IPDAS)."""

from __future__ import annotations

from collections.abc import Callable

from packtext import REQUESTER, rule_yaml, topic_yaml

from decision_aid.core import LoadResult

LoadText = Callable[..., LoadResult]

TEXT = topic_yaml(REQUESTER + "rules:\n" + rule_yaml(
    "patient", 10, "{fact: requester, is: patient}", "avoid") + rule_yaml("default", 0))


def test_balanced_options_are_fine(load_text: LoadText) -> None:
    assert load_text(TEXT).problems == ()


def test_harms_in_far_more_detail_are_a_warning(load_text: LoadText) -> None:
    text = TEXT.replace("harms: [Blurs boundaries.]",
                        "harms: [Blurs boundaries in ways that are hard to undo, and may lead "
                        "to complaints.]")

    result = load_text(text)

    assert [p.format().split(": ", 1)[1] for p in result.problems] == [
        "unbalanced-option warning: option 'accept' of 'inline' describes its harms in far "
        "more detail (15 vs 73 characters) (show benefits and harms in comparable detail)"]
    assert result.ok


def test_topic_without_options_considered_is_a_warning(load_text: LoadText) -> None:
    lines = TEXT.splitlines(keepends=True)
    text = "".join(line for line in lines
                   if "options_considered" not in line and "benefits:" not in line)

    result = load_text(text)

    assert [(p.code, p.severity.value) for p in result.problems] == [
        ("no-options", "warning")]
