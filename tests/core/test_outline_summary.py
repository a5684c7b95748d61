"""The compact summary a screen leads with: verdict, headline, top actions, reply (#9 item 4).

It is a view of the outline, decided here once: which sections, how many actions, and what
is said about the rest, so every face shows the same summary.
"""

from __future__ import annotations

import dataclasses

from decision_aid.core import KnowledgeBase, Result, explain
from decision_aid.core._outline import SUMMARY_ACTIONS


def test_the_summary_holds_the_actions_and_the_reply(demo: KnowledgeBase,
                                                     avoid_result: Result) -> None:
    view = explain(demo, avoid_result)

    assert [s.key for s in view.summary] == ["actions", "reply"]
    assert view.summary[0] == view.section("actions")
    brief = view.brief()
    assert (brief.verdict, brief.headline, brief.question) == (view.verdict, view.headline,
                                                               view.question)
    assert (brief.sections, brief.footer) == (view.summary, "")


def test_only_the_top_actions_are_in_the_summary_with_a_count_of_the_rest(
        demo: KnowledgeBase, avoid_result: Result) -> None:
    actions = tuple(f"Step {n}." for n in range(1, 7))
    view = explain(demo, dataclasses.replace(avoid_result, actions=actions))

    summary = view.summary[0]
    assert [i.text for i in summary.items] == [
        *actions[:SUMMARY_ACTIONS], f"{6 - SUMMARY_ACTIONS} more in the full result"]
    assert [i.text for i in view.section("actions").items] == list(actions)  # type: ignore[union-attr]


def test_a_situation_not_covered_leads_with_the_notice_and_whom_to_ask(
        demo: KnowledgeBase, avoid_result: Result) -> None:
    contact = next(iter(demo.contacts.values()))
    result = dataclasses.replace(avoid_result, scope="not-covered", contact=contact, reply=None)

    view = explain(demo, result)

    assert view.brief().notice == view.notice and view.notice
    assert [s.key for s in view.summary] == ["actions", "contact"]


def test_the_summary_is_in_the_outline_dictionary(demo: KnowledgeBase,
                                                  avoid_result: Result) -> None:
    data = explain(demo, avoid_result).to_dict()

    assert [s["key"] for s in data["summary"]] == ["actions", "reply"]


def test_documents_of_the_summary_have_no_empty_footer(demo: KnowledgeBase,
                                                       avoid_result: Result) -> None:
    from decision_aid.core import outline_markdown, outline_text

    brief = explain(demo, avoid_result).brief()

    assert outline_text(brief).endswith("practice page for anything about your care.\n\n")
    assert "__" not in outline_markdown(brief)
