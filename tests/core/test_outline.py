"""The outline: every section with content, in one order, in the wording's words."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from decision_aid.core import (
    KnowledgeBase,
    Layer,
    Result,
    Wording,
    explain,
    load,
    outline_markdown,
    outline_text,
)
from decision_aid.core._outline import evidence_line, outline

DEMO_RULES = Path(__file__).resolve().parents[2] / "examples" / "rules"


def test_sections_follow_one_order_and_empty_ones_are_left_out(
        demo: KnowledgeBase, avoid_result: Result,
        conclude: Callable[[KnowledgeBase, dict[str, object]], Result]) -> None:
    keys = [s.key for s in explain(demo, avoid_result).sections]
    assert keys == ["reasons", "actions", "reply", "evidence", "sources", "figures", "limits",
                    "options", "asked"]
    other = explain(demo, conclude(demo, {"requester": "colleague", "signals": ["met", "named"]}))
    assert not {"reply", "figures", "contact"} & {s.key for s in other.sections}
    asked = other.section("asked")
    assert asked is not None
    assert [i.text for i in asked.items][-1] == (
        "Which of these hold for the colleague? — We have met, They use their real name")


def test_head_footer_and_trace_are_words(demo: KnowledgeBase, avoid_result: Result) -> None:
    view = explain(demo, avoid_result)
    assert (view.verdict, view.word) == ("avoid", "AVOID")
    assert view.headline == "Don't accept; decline kindly and redirect."
    assert view.footer.startswith("Topic demo-requests version ")
    assert [(s.rule, s.held, s.mark) for s in view.why] == [
        ("urgent-first", False, "[no]"), ("patient-personal", True, "[held]")]
    assert view.why[1].heading.startswith("patient-personal: held — this decided the result")
    assert "your answer: Which account received it? — My personal account" in view.why[1].details


def test_evidence_line_reads_as_words(avoid_result: Result) -> None:
    assert evidence_line(avoid_result.evidence, Wording.base()) == (
        "Good practice statement (GRADE: not graded) — professional society consensus")


def test_an_empty_multi_choice_answer_reads_none_of_these(
        demo: KnowledgeBase,
        conclude: Callable[[KnowledgeBase, dict[str, object]], Result]) -> None:
    view = explain(demo, conclude(demo, {"requester": "colleague", "signals": []}))
    asked = view.section("asked")
    assert asked is not None and asked.items[-1].text.endswith("— None of these")


def test_an_overlay_replaces_titles_and_verdict_words(tmp_path: Path,
                                                      avoid_result: Result) -> None:
    overlay = tmp_path / "ours"
    overlay.mkdir()
    (overlay / "wording.yaml").write_text(
        "wording:\n  verdicts: {avoid: NO}\n  sections:\n    reasons: Pourquoi\n"
        "    reply: 'Réponse : {title}'\n", encoding="utf-8")
    kb = load([Layer("demo", (DEMO_RULES,)), Layer("ours", (overlay,))]).unwrap()
    view = explain(kb, avoid_result)
    assert view.word == "NO"
    assert [s.title for s in view.sections][:3] == ["Pourquoi", "What to do",
                                                    "Réponse : Decline kindly"]


def test_pack_text_with_braces_is_never_formatted(avoid_result: Result) -> None:
    odd = dataclasses.replace(avoid_result, headline="Use {name} and {0} as written",
                              reasons=("{title}",))
    view = outline(odd, Wording.base())
    assert view.headline == "Use {name} and {0} as written"
    assert view.sections[0].items[0].text == "{title}"


def test_a_not_covered_result_says_so_before_anything_else(
        demo: KnowledgeBase,
        conclude: Callable[[KnowledgeBase, dict[str, object]], Result]) -> None:
    result = conclude(demo, {"requester": "colleague", "signals": ["unsure"]})
    view = explain(demo, result)
    text = outline_text(view)
    titles = [s.title for s in view.sections]

    assert text.startswith("The guidance you can rely on here does not address this "
                           "situation directly.")
    assert outline_markdown(view).startswith("> **The guidance you can rely on here")
    assert titles[:2] == ["General principles that still apply", "The safest reasonable course"]
    assert "Whom to ask" in titles
    assert ("This is the guidance's own reading of general principles, not a finding of any "
            "one source.") in text


def test_an_unset_contact_reads_as_unconfigured_with_the_snippet(
        demo: KnowledgeBase,
        conclude: Callable[[KnowledgeBase, dict[str, object]], Result]) -> None:
    text = outline_text(explain(demo, conclude(demo, {"requester": "colleague",
                                                      "signals": ["unsure"]})))

    assert ("Demo professionalism lead: Your institution has not set this contact yet: ask "
            "whoever runs decision-aid here") in text
    assert "contacts: [{id: demo_lead, role: ..., how: ...}]" in text
    assert "Set by your institution's overlay." not in text


def test_a_covered_result_has_no_notice(demo: KnowledgeBase, avoid_result: Result) -> None:
    assert explain(demo, avoid_result).notice is None
