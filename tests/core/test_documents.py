"""An outline as Markdown, plain text or JSON: the same words as the rich view, no markup."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from decision_aid.core import (
    KnowledgeBase,
    Result,
    explain,
    outline_markdown,
    outline_text,
    require_format,
    result_document,
    trace_text,
)


def test_markdown_has_heading_sections_sources_and_trace(demo: KnowledgeBase,
                                                         avoid_result: Result) -> None:
    md = outline_markdown(explain(demo, avoid_result))
    assert md.startswith("# AVOID: Don't accept; decline kindly and redirect.\n")
    assert "## Why\n\n- Personal connections with patients blur boundaries." in md
    assert "> Thank you for reaching out." in md
    assert ("1. Example source for the demo pack (not a real reference). "
            "<https://example.org/demo> (international · commentary · 2026)") in md
    assert "## How this was decided" in md
    assert "[held] patient-personal" in md


def test_plain_text_has_no_escape_codes_or_markdown(demo: KnowledgeBase,
                                                    avoid_result: Result) -> None:
    text = outline_text(explain(demo, avoid_result))
    assert text.startswith("AVOID: Don't accept; decline kindly and redirect.\n")
    assert "\x1b" not in text
    assert "##" not in text and "**" not in text
    assert "  | Thank you for reaching out." in text


def test_trace_text_lists_rules_in_order(demo: KnowledgeBase, avoid_result: Result) -> None:
    text = trace_text(explain(demo, avoid_result))
    rules = [line.split()[1] for line in text.splitlines() if line.startswith("  [")]
    assert text.startswith("How this was decided:\n")
    assert rules == ["urgent-first:", "patient-personal:"]


@pytest.mark.parametrize(("name", "start"), [
    pytest.param("r.md", "# AVOID: ", id="markdown"),
    pytest.param("r.markdown", "# AVOID: ", id="markdown-long"),
    pytest.param("r.txt", "AVOID: ", id="text"),
    pytest.param("R.JSON", "{", id="json-upper-case"),
])
def test_format_follows_the_extension(demo: KnowledgeBase, avoid_result: Result, name: str,
                                      start: str) -> None:
    text = result_document(avoid_result, explain(demo, avoid_result), require_format(Path(name)))
    assert text.startswith(start)


def test_json_is_the_result_with_its_outline(demo: KnowledgeBase, avoid_result: Result) -> None:
    view = explain(demo, avoid_result)
    data = json.loads(result_document(avoid_result, view, "json"))
    outline = data.pop("outline")
    assert data == json.loads(json.dumps(avoid_result.to_dict()))
    assert outline == json.loads(json.dumps(view.to_dict()))
    assert [s["key"] for s in outline["sections"]][:2] == ["reasons", "actions"]
    assert outline["word"] == "AVOID"


def test_unknown_extension_is_refused_naming_the_endings_that_work() -> None:
    with pytest.raises(ValueError, match=r"cannot save to x\.pdf: use a file ending in "
                                         r"\.json, \.markdown, \.md, \.txt"):
        require_format(Path("x.pdf"))
    with pytest.raises(ValueError, match="cannot write a result as 'pdf'"):
        result_document(None, None, "pdf")  # type: ignore[arg-type]
