"""deploy/'s two manifests ask for exactly what the bot handles and needs: the command,
both shortcuts, the events and the least-privilege scopes; each entry is exercised over
HTTP and must reach a listener, and an event not in the manifest reaches none."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from decision_aid.slack import ids
from decision_aid.slack.config import SlackConfig
from decision_aid.slack.signed_requests import CHANNEL, TEAM, USER

from .conftest import Bot

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
MANIFESTS = ["manifest.http.yaml", "manifest.socket-mode.yaml"]
METHOD_SCOPES = {"chat.postEphemeral": "chat:write", "chat.postMessage": "chat:write",
                 "views.open": None, "views.update": None, "views.publish": None,
                 "auth.test": None}
EVENT_SCOPES = {"message.im": "im:history", "app_mention": "app_mentions:read",
                "app_home_opened": None}


def manifest(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((DEPLOY / name).read_text())
    return data


@pytest.mark.parametrize("name", MANIFESTS)
def test_manifest_lists_what_the_code_declares(name: str) -> None:
    m = manifest(name)
    features, settings = m["features"], m["settings"]

    assert m["_metadata"]["major_version"] == 1
    assert [c["command"] for c in features["slash_commands"]] == [
        SlackConfig(bot_token="x").command]
    assert {(s["callback_id"], s["type"]) for s in features["shortcuts"]} == {
        (ids.GUIDANCE_SHORTCUT, "global"), (ids.CHECK_SHORTCUT, "message")}
    assert sorted(settings["event_subscriptions"]["bot_events"]) == sorted(ids.EVENTS.values())
    assert sorted(m["oauth_config"]["scopes"]["bot"]) == sorted(ids.SCOPES)
    assert "user" not in m["oauth_config"]["scopes"]
    assert settings["org_deploy_enabled"] is True
    assert settings["interactivity"]["is_enabled"] is True
    home = features["app_home"]
    assert home["home_tab_enabled"] and home["messages_tab_enabled"]
    assert home["messages_tab_read_only_enabled"] is False


def test_the_variants_differ_only_in_how_slack_reaches_the_bot() -> None:
    http, socket = manifest(MANIFESTS[0]), manifest(MANIFESTS[1])
    urls = [http["features"]["slash_commands"][0]["url"],
            http["settings"]["event_subscriptions"]["request_url"],
            http["settings"]["interactivity"]["request_url"]]

    assert len(set(urls)) == 1 and urls[0].startswith("https://")
    assert urls[0].endswith("/slack/events")
    assert http["settings"]["socket_mode_enabled"] is False
    assert socket["settings"]["socket_mode_enabled"] is True
    assert "url" not in socket["features"]["slash_commands"][0]
    assert "request_url" not in socket["settings"]["event_subscriptions"]
    for part in ("display_information", "oauth_config"):
        assert http[part] == socket[part]


def test_every_manifest_entry_reaches_a_listener_and_nothing_else_does(bot: Bot) -> None:
    m = manifest(MANIFESTS[0])
    sim, fake = bot.sim, bot.fake
    command = m["features"]["slash_commands"][0]["command"]
    assert "blocks" in sim.command("", command=command, response_url=fake.response_url()).json()
    for shortcut in m["features"]["shortcuts"]:
        payload: dict[str, Any] = {"type": "shortcut" if shortcut["type"] == "global"
                                   else "message_action", "callback_id": shortcut["callback_id"],
                                   "team": {"id": TEAM}, "user": {"id": USER},
                                   "trigger_id": "1.2.3"}
        if shortcut["type"] == "message":
            payload |= {"channel": {"id": CHANNEL}, "message": {"text": "hello", "ts": "1.1"},
                        "response_url": fake.response_url("shortcut")}
        sim.payload(payload)
    fake.wait_count("/api/views.open", 1)
    fake.wait_count("/response/shortcut", 1)
    events = {
        "app_home_opened": {"type": "app_home_opened", "user": USER, "tab": "home"},
        "app_mention": {"type": "app_mention", "user": USER, "channel": CHANNEL,
                        "text": "<@U0BOT> hi", "ts": "1.2"},
        "message.im": {"type": "message", "channel_type": "im", "channel": "D0DM1",
                       "user": USER, "text": "help", "ts": "1.3"},
    }
    assert sorted(events) == sorted(m["settings"]["event_subscriptions"]["bot_events"])
    for event in events.values():
        sim.event(event)
    fake.wait_count("/api/views.publish", 1)
    fake.wait_count("/api/chat.postEphemeral", 1)
    fake.wait_count("/api/chat.postMessage", 1)
    before = len(fake.calls)
    sim.event({"type": "reaction_added", "user": USER, "reaction": "thumbsup"})
    sim.event({"type": "message", "channel_type": "channel", "channel": CHANNEL,
               "user": USER, "text": "not for the bot", "ts": "1.4"})
    sim.command("help", response_url=fake.response_url())  # a request after them
    assert len(fake.calls) == before

    used = {c.method for c in fake.calls if c.path.startswith("/api/")}
    needed = {METHOD_SCOPES[method] for method in used} | {"commands"}
    needed |= {EVENT_SCOPES[e] for e in events}
    assert needed - {None} == set(m["oauth_config"]["scopes"]["bot"])
