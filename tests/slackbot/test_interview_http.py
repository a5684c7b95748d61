"""A full interview by clicks over real HTTP: slash command, answers, Back, Start over,
a cited result, and the next click served by a second replica."""

from __future__ import annotations

import json
from typing import Any

from slack_sdk.models.blocks import Block

from decision_aid.slack.fake_api import BLOCKS_TOO_LONG
from decision_aid.slack.signed_requests import buttons, find_button

from .conftest import Bot, counted


def valid(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every block parses into slack_sdk's models and passes their limits."""
    for raw in blocks:
        model = Block.parse(raw)
        assert model is not None, raw
        model.validate_json()
    assert len(json.dumps(blocks)) <= BLOCKS_TOO_LONG
    return blocks


def texts(blocks: list[dict[str, Any]]) -> str:
    return json.dumps(blocks)


def test_slash_command_without_text_answers_with_the_topic_picker_in_the_ack(bot: Bot) -> None:
    reply = bot.sim.command("", response_url=bot.fake.response_url())

    assert reply.status == 200
    body = reply.json()
    assert body["response_type"] == "ephemeral"
    labels = [b["text"]["text"] for b in buttons(valid(body["blocks"]))]
    titles = [t.title for t in bot.runtime.holder.kb.topics.values()]
    assert labels[:len(titles)] == titles
    assert body["text"]


def test_full_interview_by_clicks_with_back_and_start_over(bots: Any) -> None:
    first, second = bots(), bots()
    url = first.fake.response_url("i1")
    screen = first.sim.command("", response_url=url).json()["blocks"]
    topic = next(b for b in buttons(screen) if b["value"].startswith("friend-requests"))
    reply = first.sim.click(screen, topic["text"]["text"], response_url=url)
    assert reply.status == 200
    posted = first.fake.wait_count("/response/i1", 1)[-1].body
    assert posted["replace_original"] is True
    question = valid(posted["blocks"])
    assert "Question 1 of at most" in texts(question)

    # Answer the first question on replica 1, then Back on replica 2: it shows Q1 again.
    option = next(b for b in buttons(question) if b["action_id"].startswith("da_answer"))
    first.sim.click(question, option["text"]["text"], response_url=url)
    q2 = valid(first.fake.wait_count("/response/i1", 2)[-1].body["blocks"])
    assert "Question 2 of at most" in texts(q2)
    second.sim.click(q2, "Back", response_url=url)
    again = valid(first.fake.wait_count("/response/i1", 3)[-1].body["blocks"])
    assert "Question 1 of at most" in texts(again)
    chosen = next(b for b in buttons(again) if b.get("style") == "primary")
    assert chosen["text"]["text"] == option["text"]["text"]

    # Answer on, alternating replicas, always the first option, until a result.
    blocks, count, bot_for = again, 3, [first, second]
    for turn in range(12):
        if "Sources" in texts(blocks):
            break
        answer = next(b for b in buttons(blocks)
                      if b["action_id"].split(".")[0] in ("da_answer", "da_continue"))
        bot_for[turn % 2].sim.click(blocks, answer["text"]["text"], response_url=url)
        count += 1
        blocks = valid(first.fake.wait_count("/response/i1", count)[-1].body["blocks"])
    assert blocks[0]["type"] == "header"
    assert "Sources" in texts(blocks) and "<https://" in texts(blocks)
    assert counted(first, "decision_aid_slack_verdicts") + \
        counted(second, "decision_aid_slack_verdicts") == 1

    second.sim.click(blocks, "Start over", response_url=url)
    picker = valid(first.fake.wait_count("/response/i1", count + 1)[-1].body["blocks"])
    assert find_button(picker, topic["text"]["text"])
