"""Every entrance over real HTTP: DM, @mention, App Home, both shortcuts and the modal,
the usage card. PHI typed into each of them (refused, never logged nor sent anywhere) is
tests/privacy/test_slack_entrances.py."""

from __future__ import annotations

import json

from decision_aid.slack.signed_requests import TEAM, USER, buttons, find_button, ticked

from .conftest import Bot
from .test_interview_http import valid


def test_dm_routes_a_description_to_a_confirmed_prefill(bot: Bot) -> None:
    bot.sim.event({"type": "message", "channel_type": "im", "channel": "D0DM1", "user": USER,
                   "text": "a patient sent me a friend request on facebook",
                   "ts": "1700000001.000200"})
    posted = bot.fake.wait_count("/api/chat.postMessage", 1)[-1].body
    blocks = valid(json.loads(posted["blocks"]) if isinstance(posted["blocks"], str)
                   else posted["blocks"])
    assert "From your description" in json.dumps(blocks)
    reply = bot.sim.click(blocks, "Use these answers", response_url=bot.fake.response_url("d"))
    assert reply.status == 200
    question = bot.fake.wait_count("/response/d", 1)[-1].body["blocks"]
    assert "Question 2 of at most" in json.dumps(valid(question))


def test_bot_messages_and_edits_in_dms_are_ignored(bot: Bot) -> None:
    for extra in ({"bot_id": "B0BOT"}, {"subtype": "message_changed"}):
        bot.sim.event({"type": "message", "channel_type": "im", "channel": "D0DM1",
                       "user": USER, "text": "hello", "ts": "1700000001.3", **extra})
    bot.sim.command("help", response_url=bot.fake.response_url())  # a request after them
    assert bot.fake.of("/api/chat.postMessage") == []


def test_help_card_names_the_command_and_the_thread_limit(bot: Bot) -> None:
    card = bot.sim.command("help", response_url=bot.fake.response_url()).json()

    assert card["response_type"] == "ephemeral"
    assert "/guidance help" in card["text"] and "inside threads" in card["text"]


def test_app_home_lists_topics_versions_and_opens_a_modal(bot: Bot) -> None:
    bot.sim.event({"type": "app_home_opened", "user": USER, "channel": "D0DM1", "tab": "home"})
    published = bot.fake.wait_count("/api/views.publish", 1)[-1].body
    view = published["view"] if isinstance(published["view"], dict) else json.loads(
        published["view"])
    assert published["user_id"] == USER and view["type"] == "home"
    text = json.dumps(valid(view["blocks"]))
    for topic in bot.runtime.holder.kb.topics.values():
        assert f"version {topic.version}, reviewed {topic.reviewed}" in text
    start = find_button(view["blocks"], "Start a guidance check")
    bot.sim.payload(bot.sim.click_payload(start, response_url="", view={**view, "id": "VH1"})
                    | {"container": {"type": "view", "view_id": "VH1"}})
    opened = bot.fake.wait_count("/api/views.open", 1)[-1].body
    assert opened["trigger_id"]


def test_modal_interview_by_clicks_and_a_multi_choice_submission(bot: Bot) -> None:
    bot.sim.payload({"type": "shortcut", "callback_id": "get_guidance", "team": {"id": TEAM},
                     "user": {"id": USER}, "trigger_id": "1.2.4"})
    view = bot.fake.wait_count("/api/views.open", 1)[-1].body["view"]
    view = json.loads(view) if isinstance(view, str) else view
    topic = next(b for b in buttons(view["blocks"]) if b["value"].startswith("peer-trust"))
    view = {**view, "id": "V0001", "hash": "h1"}
    bot.sim.payload(bot.sim.click_payload(topic, response_url="", view=view))
    update = bot.fake.wait_count("/api/views.update", 1)[-1].body
    shown = update["view"] if isinstance(update["view"], dict) else json.loads(update["view"])
    assert update["view_id"] == "V0001" and update["hash"] == "h1"
    assert shown["submit"]["text"] == "Continue"  # peer-trust opens with a multi-choice
    qid, _, _ = shown["private_metadata"].partition(" ")
    group = next(b for b in shown["blocks"] if b.get("block_id") == f"da_multi_{qid}")
    first = group["elements"][0]["options"][0]["value"]
    submitted = bot.sim.payload({"type": "view_submission", "team": {"id": TEAM},
                                 "user": {"id": USER}, "trigger_id": "1.2.6",
                                 "view": {**shown, "id": "V0001", "hash": "h2",
                                          "state": ticked(f"da_multi_{qid}",
                                                          group["elements"][0]["action_id"],
                                                          [first])}})
    body = submitted.json()
    assert body["response_action"] == "update"
    valid(body["view"]["blocks"])
    assert f"|{qid}={first}" in json.dumps(body["view"])  # the ticked option was answered
