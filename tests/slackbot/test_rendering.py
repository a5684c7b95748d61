"""Block Kit rendering: every trainer case's result fits Slack's limits in every page, a
result too long for one message folds into pages instead of failing, and text from packs
cannot form links or mentions."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest

from decision_aid.cases.load import load_cases
from decision_aid.core import Conclude, Item, Section, builtin_packs, next_step, with_answers
from decision_aid.slack import result_blocks
from decision_aid.slack.blocks import esc, link
from decision_aid.slack.config import SlackConfig
from decision_aid.slack.flow import Interview, Where
from decision_aid.slack.metrics import Metrics
from decision_aid.slack.signed_requests import buttons
from decision_aid.slack.values import Codec

from .conftest import builtin_holder
from .test_interview_http import valid

CODEC = Codec(SlackConfig(bot_token="xoxb-test-0000000000-good", signing_secret="s" * 32)
              .state_key)


def conclusions() -> list[Any]:
    kb = builtin_holder().kb
    cases, problems = load_cases([builtin_packs().cases])
    assert not problems and cases
    out = []
    for case in cases:
        step = next_step(kb, with_answers(kb, case.topic, case.answers))
        if isinstance(step, Conclude):
            out.append(step)
    return out


def test_every_case_result_fits_slack_in_a_message_and_in_a_modal() -> None:
    kb = builtin_holder().kb
    steps = conclusions()
    assert len(steps) > 50
    for step in steps:
        for modal in (False, True):
            screen = result_blocks.result_screen(CODEC, kb, step.result, step.session,
                                                 modal=modal, can_share=not modal)
            for page in range(screen.extra["pages"]):
                blocks = result_blocks.result_screen(CODEC, kb, step.result, step.session,
                                                     page=page, modal=modal).blocks
                valid(blocks)
                assert len(blocks) <= (100 if modal else 50)
            assert screen.text.startswith(("AVOID", "CAUTION", "ACCEPTABLE"))


def test_a_very_long_result_folds_into_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    kb = builtin_holder().kb
    step = conclusions()[0]
    real = result_blocks.explain

    def long_outline(kb_: Any, result: Any) -> Any:
        shape = real(kb_, result)
        extra = tuple(Section(f"extra{i}", f"Part {i}", tuple(
            Item("word " * 120 + str(j)) for j in range(6))) for i in range(12))
        return replace(shape, sections=(*shape.sections, *extra))

    monkeypatch.setattr(result_blocks, "explain", long_outline)
    first = result_blocks.result_screen(CODEC, kb, step.result, step.session)
    pages = first.extra["pages"]
    assert pages > 2
    seen = []
    for page in range(pages):
        blocks = valid(result_blocks.result_screen(CODEC, kb, step.result, step.session,
                                                   page=page).blocks)
        labels = [b["text"]["text"] for b in buttons(blocks)]
        assert ("Previous" in labels) == (page > 0)
        assert any(x.startswith("Show more") for x in labels) == (page < pages - 1)
        seen.append(json.dumps(blocks))
    for i in range(12):
        assert sum(f"*Part {i}*" in page for page in seen) == 1  # each part shown once
    more = next(b for b in buttons(first.blocks) if b["text"]["text"].startswith("Show more"))
    clicked = Interview(builtin_holder(), CODEC, Metrics()).click(
        more["action_id"], more["value"], {}, Where())
    assert clicked is not None and json.dumps(clicked.blocks) == seen[1]


def test_back_from_a_result_asks_the_last_question_again() -> None:
    kb = builtin_holder().kb
    step = conclusions()[0]
    interview = Interview(builtin_holder(), CODEC, Metrics())
    screen = result_blocks.result_screen(CODEC, kb, step.result, step.session)
    back = next(b for b in buttons(screen.blocks) if b["text"]["text"] == "Back")
    again = interview.click("da_back", back["value"], {}, Where())
    assert again is not None and "Question" in again.text


@pytest.mark.parametrize(("url", "linked"), [
    ("https://example.org/a", True), ("javascript:alert(1)", False),
    ("https://example.org/a|<!channel>", False), (None, False)])
def test_links_only_for_plain_web_urls(url: str | None, linked: bool) -> None:
    text = link(url, esc("<!channel> & co"))

    assert ("<https://" in text) == linked
    assert "<!channel>" not in text.replace(f"<{url}|", "")


def test_back_twice_then_forward_preselects_the_answers_stepped_over() -> None:
    """The answers stepped back over travel in the buttons (the core's `ahead`), so any
    replica pre-selects them when the questions come round again."""
    interview = Interview(builtin_holder(), CODEC, Metrics())
    screen = interview.start_topic("friend-requests", Where())
    chosen = []
    for _ in range(2):
        option = next(b for b in buttons(screen.blocks) if b["action_id"] == "da_answer")
        chosen.append(option["text"]["text"])
        screen = interview.click("da_answer", option["value"], {}, Where()) or screen
    for _ in range(2):
        back = next(b for b in buttons(screen.blocks) if b["text"]["text"] == "Back")
        screen = interview.click("da_back", back["value"], {}, Where()) or screen
    for expected in chosen:
        primary = [b for b in buttons(screen.blocks) if b.get("style") == "primary"]
        assert [b["text"]["text"] for b in primary] == [expected]
        screen = interview.click("da_answer", primary[0]["value"], {}, Where()) or screen
