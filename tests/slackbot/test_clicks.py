"""Clicks beyond answering: Why?, Share a summary (pack text only, on click only), the
anonymous helpful vote, forged and older-version state, and a listener error that is
logged without the request."""

from __future__ import annotations

import json
import logging
import time
from typing import Any

import pytest

from decision_aid.core import Session, encode_session
from decision_aid.slack.signed_requests import buttons, find_button

from .conftest import Bot, counted
from .test_interview_http import valid


def click(bot: Bot, blocks: list[dict[str, Any]], label: str, name: str, count: int
          ) -> list[dict[str, Any]]:
    bot.sim.click(blocks, label, response_url=bot.fake.response_url(name))
    return valid(bot.fake.wait_count(f"/response/{name}", count)[-1].body["blocks"])


def result_blocks(bot: Bot, name: str) -> tuple[list[dict[str, Any]], int]:
    blocks = bot.sim.command("", response_url=bot.fake.response_url(name)).json()["blocks"]
    topic = next(b for b in buttons(blocks) if b["value"].startswith("friend-requests"))
    count = 1
    blocks = click(bot, blocks, topic["text"]["text"], name, count)
    while "Sources" not in json.dumps(blocks):
        option = next(b for b in buttons(blocks)
                      if b["action_id"].split(".")[0] == "da_answer")
        count += 1
        blocks = click(bot, blocks, option["text"]["text"], name, count)
    return blocks, count


def test_why_shows_the_questions_reason_in_place_and_hides_it(bot: Bot) -> None:
    blocks = bot.sim.command("", response_url=bot.fake.response_url("w")).json()["blocks"]
    topic = next(b for b in buttons(blocks) if b["value"].startswith("friend-requests"))
    question = click(bot, blocks, topic["text"]["text"], "w", 1)
    why = bot.runtime.holder.kb.topics["friend-requests"].questions[0].why
    assert "Why this is asked" not in json.dumps(question)

    shown = click(bot, question, "Why?", "w", 2)
    assert "Why this is asked" in json.dumps(shown) and why[:40] in json.dumps(shown)
    hidden = click(bot, shown, "Why?", "w", 3)
    assert "Why this is asked" not in json.dumps(hidden)


def test_share_posts_only_pack_text_in_channel_and_only_on_click(bot: Bot) -> None:
    blocks, count = result_blocks(bot, "s")
    assert all(c.body.get("response_type") != "in_channel" for c in bot.fake.of("/response/s"))

    bot.sim.click(blocks, "Share a summary", response_url=bot.fake.response_url("s"))
    shared = bot.fake.wait_count("/response/s", count + 1)[-1].body
    assert shared["response_type"] == "in_channel" and shared["replace_original"] is False
    text = json.dumps(valid(shared["blocks"]))
    headline = blocks[0]["text"]["text"].split(": ", 1)[1].rstrip("…")
    assert headline[:30] in text and "Sources" in text
    assert "Your answers" not in text and "Your answers" in json.dumps(blocks)


def test_helpful_vote_is_counted_anonymously_and_thanked(bot: Bot,
                                                         caplog: pytest.LogCaptureFixture
                                                         ) -> None:
    caplog.set_level(logging.INFO, logger="decision_aid")
    blocks, count = result_blocks(bot, "h")
    thanked = click(bot, blocks, "Was this helpful? Yes", "h", count + 1)

    assert "Thank you" in json.dumps(thanked)
    assert not any(b["text"]["text"].startswith("Was this helpful") for b in buttons(thanked))
    assert counted(bot, "decision_aid_slack_helpful_votes") == 1
    votes = [r for r in caplog.records if r.getMessage() == "interview.helpful"]
    assert votes and "U0STAFF1" not in json.dumps(votes[0].__dict__, default=str)


@pytest.mark.parametrize(("state", "says"), [
    (lambda key: encode_session(Session("friend-requests", "0.0.1"), key=key), "version"),
    (lambda key: encode_session(Session("friend-requests", "2.0.0"), key=b"another key"),
     "changed or is not ours"),
    (lambda key: "v1|friend-requests|2.0.0", "changed or is not ours"),
])
def test_a_forged_or_older_state_restarts_with_a_one_line_note(bot: Bot, state: Any,
                                                               says: str) -> None:
    value = "back " + state(bot.runtime.config.state_key)
    button = {"action_id": "da_back", "value": value, "text": {"type": "plain_text",
                                                                "text": "Back"}}
    bot.sim.payload(bot.sim.click_payload(button, response_url=bot.fake.response_url("f")))
    blocks = valid(bot.fake.wait_count("/response/f", 1)[-1].body["blocks"])

    notes = [e["text"] for b in blocks if b["type"] == "context" for e in b["elements"]
             if e["text"].startswith(":information_source:")]
    assert len(notes) == 1 and says in notes[0] and "starting again" in notes[0]
    find_button(blocks, next(iter(bot.runtime.holder.kb.topics.values())).title)


def test_a_refused_web_api_call_is_logged_without_the_request(bot: Bot,
                                                              caplog: pytest.LogCaptureFixture
                                                              ) -> None:
    # A Web API call Slack refuses after the ack is counted and logged by method
    # (delivery.py), not raised as a listener error; either way, never with the request.
    caplog.set_level(logging.DEBUG)
    bot.fake.fail_next("/api/views.publish", 400, count=1)
    bot.sim.event({"type": "app_home_opened", "user": "U0SECRETUSER", "tab": "home"})
    bot.fake.wait_count("/api/views.publish", 1)
    deadline = time.monotonic() + 5
    while not any(r.getMessage() == "delivery.failed" for r in caplog.records):
        assert time.monotonic() < deadline
        time.sleep(0.02)
    failed = next(r for r in caplog.records if r.getMessage() == "delivery.failed")
    assert failed.fields["target"] == "views.publish"
    assert counted(bot, "decision_aid_slack_delivery_failures") == 1
    assert all("U0SECRETUSER" not in json.dumps(r.__dict__, default=str)
               for r in caplog.records)
