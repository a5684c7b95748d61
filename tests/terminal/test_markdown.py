"""Markdown and plain text of a result: the same words as the rich view, no markup."""

from __future__ import annotations

from decision_aid.core import KnowledgeBase, Result
from decision_aid.terminal.markdown import result_markdown, result_text, trace_text
from decision_aid.terminal.outline import evidence_line, outline

from .conftest import conclude


def test_markdown_has_heading_sections_sources_and_trace(avoid_result: Result) -> None:
    md = result_markdown(avoid_result)
    assert md.startswith("# AVOID: Don't accept; decline kindly and redirect.\n")
    assert "## Why\n\n- Personal connections with patients blur boundaries." in md
    assert "> Thank you for reaching out." in md
    assert ("1. Example source for the demo pack (not a real reference). "
            "<https://example.org/demo> (international · commentary · 2026)") in md
    assert "## How this was decided" in md
    assert "[held] patient-personal" in md


def test_plain_text_has_no_escape_codes_or_markdown(avoid_result: Result) -> None:
    text = result_text(avoid_result)
    assert text.startswith("AVOID: Don't accept; decline kindly and redirect.\n")
    assert "\x1b" not in text
    assert "##" not in text and "**" not in text
    assert "  | Thank you for reaching out." in text


def test_sections_with_nothing_to_say_are_left_out(demo: KnowledgeBase) -> None:
    result = conclude(demo, {"requester": "colleague", "signals": ["met", "named"]})
    keys = [s.key for s in outline(result).sections]
    assert "reply" not in keys and "figures" not in keys and "contact" not in keys
    assert "Their registration checks out" not in result_text(result)  # only chosen labels
    assert "We have met, They use their real name" in result_text(result)


def test_evidence_line_reads_as_words(avoid_result: Result) -> None:
    assert evidence_line(avoid_result.evidence) == (
        "Good practice statement (GRADE: not graded) — professional society consensus")


def test_trace_text_lists_rules_in_order(avoid_result: Result) -> None:
    rules = [line.split()[1] for line in trace_text(avoid_result).splitlines()
             if line.startswith("  [")]
    assert rules == ["urgent-first:", "patient-personal:"]


def test_a_not_covered_result_says_so_before_anything_else(demo: KnowledgeBase) -> None:
    result = conclude(demo, {"requester": "colleague", "signals": ["unsure"]})
    text = result_text(result)
    titles = [s.title for s in outline(result).sections]

    assert text.startswith("The guidance you can rely on here does not address this "
                           "situation directly.")
    assert result_markdown(result).startswith("> **The guidance you can rely on here")
    assert titles[:2] == ["General principles that still apply", "The safest reasonable course"]
    assert "Whom to ask" in titles
    assert ("This is the guidance's own reading of general principles, not a finding of any "
            "one source.") in text


def test_an_unset_contact_reads_as_unconfigured_with_the_snippet(demo: KnowledgeBase) -> None:
    text = result_text(conclude(demo, {"requester": "colleague", "signals": ["unsure"]}))

    assert ("Demo professionalism lead: Your institution has not set this contact yet: see "
            "ADMIN.md") in text
    assert "contacts: [{id: demo_lead, role: ..., how: ...}]" in text
    assert "Set by your institution's overlay." not in text


def test_a_covered_result_has_no_notice(avoid_result: Result) -> None:
    assert outline(avoid_result).notice is None
