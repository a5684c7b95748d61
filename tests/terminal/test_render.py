"""Rich rendering of a result, read back as plain text (no colour), as a user would."""

from __future__ import annotations

import dataclasses
import io

from rich.console import Console, RenderableType

from decision_aid.core import KnowledgeBase, Result, Wording, explain
from decision_aid.terminal.render import render_result, render_trace, verdict_badge


def render(renderable: RenderableType, width: int = 100) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None, legacy_windows=False)
    console.print(renderable)
    output = console.file
    assert isinstance(output, io.StringIO)
    return output.getvalue()


def test_result_shows_verdict_word_headline_and_sections(
        demo: KnowledgeBase, avoid_result: Result) -> None:
    text = render(render_result(explain(demo, avoid_result)))
    assert text.startswith(" AVOID   Don't accept; decline kindly and redirect.")
    for expected in (
        "Personal connections with patients blur boundaries.",        # reason
        "Decline and point to the practice page.",                     # action
        "A reply you can send: Decline kindly",                        # reply panel title
        "I keep my personal accounts separate from my work",           # reply text
        "Good practice statement (GRADE: not graded) — professional society consensus",
        "Example source for the demo pack (not a real reference).",    # citation
        "https://example.org/demo",
        "international · commentary · 2026",
        "An example figure.",
        "Limits: Example only.",
        "Who sent the request? — A patient",
    ):
        assert expected in text, expected


def test_reply_panel_has_no_side_borders_to_copy(
        demo: KnowledgeBase, avoid_result: Result) -> None:
    text = render(render_result(explain(demo, avoid_result)))
    line = next(ln for ln in text.splitlines() if "Thank you for reaching out" in ln)
    assert "│" not in line and "|" not in line


def test_pack_text_that_looks_like_markup_is_shown_literally(
        demo: KnowledgeBase, avoid_result: Result) -> None:
    odd = dataclasses.replace(
        avoid_result, headline="Say no [cite: 3] [/] [bold]kindly[/bold]",
        reasons=("[red]not red[/red] and :smile: stays text",),
        sources=(dataclasses.replace(avoid_result.sources[0], citation="Smith [2020] [/i]"),))
    text = render(render_result(explain(demo, odd)))
    assert "Say no [cite: 3] [/] [bold]kindly[/bold]" in text
    assert "[red]not red[/red] and :smile: stays text" in text
    assert "Smith [2020] [/i]" in text


def test_every_verdict_reads_without_colour() -> None:
    for verdict in ("avoid", "caution", "acceptable"):
        word = Wording.base()(f"verdicts.{verdict}")
        assert verdict.upper() == word
        assert word in render(verdict_badge(verdict, word))


def test_trace_tree_names_rules_and_the_answers_that_decided(
        demo: KnowledgeBase, avoid_result: Result) -> None:
    text = render(render_trace(explain(demo, avoid_result)))
    assert "[no] urgent-first: did not hold" in text
    assert "[held] patient-personal: held — this decided the result" in text
    assert "requester = patient and platform = personal" in text
    assert "your answer: Which account received it? — My personal account" in text
    assert "default" not in text  # rules below the winner were never tried


def test_long_links_are_folded_not_cut(
        demo: KnowledgeBase, avoid_result: Result) -> None:
    url = "https://example.org/" + "a-very-long-path-segment/" * 8
    source = dataclasses.replace(avoid_result.sources[0], url=url)
    view = explain(demo, dataclasses.replace(avoid_result, sources=(source,)))
    text = render(render_result(view))
    assert "…" not in text
    joined = "".join(line.strip() for line in text.splitlines() if "a-very-long" in line)
    assert url in joined


# -- the compact summary first, the verdict last (#9 item 4) ----------------------------------
def test_the_summary_at_40_columns_is_verdict_actions_reply_and_the_verdict_again(
        demo: KnowledgeBase, avoid_result: Result) -> None:
    text = render(render_result(explain(demo, avoid_result).brief()), width=40)
    lines = text.rstrip().splitlines()

    assert lines[0].startswith(" AVOID   Don't accept; decline")
    assert "What to do" in lines and "A reply you can send: Decline kindly" in lines
    assert not {"Why", "Sources", "Strength of evidence", "Your answers"} & set(lines)
    assert "rule patient-personal" not in text  # the footer is a detail
    assert lines[-2].startswith(" AVOID   Don't accept; decline")  # the verdict closes it
    assert all(len(line) <= 40 for line in lines)


def test_the_full_result_ends_with_the_verdict_again(demo: KnowledgeBase,
                                                     avoid_result: Result) -> None:
    lines = render(render_result(explain(demo, avoid_result)), width=40).rstrip().splitlines()

    assert "Sources" in lines and "Your answers" in lines
    closing = max(i for i, line in enumerate(lines) if line.startswith(" AVOID "))
    assert closing > lines.index("Your answers") and closing >= len(lines) - 3
