"""PHI typed into every Slack entrance is refused and never kept: not in a log record (root
and every library logger at DEBUG, then at INFO), not in the JSON lines the bot writes, not
in /metrics, not in a reply or in any call the bot makes to Slack.

Beside the entrances a person uses (slash command, DM, @mention, the "Check for patient
identifiers" message shortcut, the global shortcut's modal), PHI arrives where only a forger
or a confused client puts it: a button's value, a select's value, a modal's metadata, an
unknown shortcut or event bolt has no listener for (bolt warns with the body), malformed
JSON, a replayed request, and bad signatures (bolt's own check logs the body at INFO).
"""

from __future__ import annotations

import json
import time
from typing import Any
from urllib.parse import urlencode

from slackbot.conftest import Bot

from decision_aid.slack.signed_requests import CHANNEL, TEAM, USER, Reply, find_button

from .conftest import Logs, turn_everything_up
from .phi_samples import EVERYTHING, TEXTS, assert_clean

WARNING = "may identify a patient"


def _view(body: dict[str, Any]) -> dict[str, Any]:
    view = body["view"]
    return dict(json.loads(view) if isinstance(view, str) else view)


def _submission(view: dict[str, Any], text: str, **extra: Any) -> dict[str, Any]:
    return {"type": "view_submission", "team": {"id": TEAM}, "user": {"id": USER},
            "trigger_id": "1.2.5",
            "view": {**view, "id": "V0001", "hash": "h1", **extra, "state": {"values": {
                "da_describe": {"text": {"type": "plain_text_input", "value": text}}}}}}


def click(action_id: str, value: str, *, state: dict[str, Any] | None = None,
           kind: str = "button") -> dict[str, Any]:
    action: dict[str, Any] = {"type": kind, "action_id": action_id, "block_id": "b",
                              "action_ts": str(time.time())}
    if kind == "button":
        action |= {"value": value, "text": {"type": "plain_text", "text": value[:70]}}
    else:
        action["selected_option"] = {"value": value,
                                     "text": {"type": "plain_text", "text": value[:70]}}
    return {"type": "block_actions", "user": {"id": USER, "team_id": TEAM},
            "api_app_id": "A0APP", "team": {"id": TEAM}, "trigger_id": "1.2.9",
            "container": {"type": "message", "message_ts": "1700000000.1",
                          "channel_id": CHANNEL, "is_ephemeral": True},
            "channel": {"id": CHANNEL, "name": "ward"}, "response_url": "",
            "message": {"blocks": []}, "state": state or {"values": {}},
            "actions": [action]}


def _typed_entrances(bot: Bot, text: str, n: int) -> list[Reply]:
    """`text` through each entrance a person types into; checks each is refused."""
    replies = []
    ack = bot.sim.command(text, response_url=bot.fake.response_url(f"c{n}"))
    assert WARNING in ack.text
    replies.append(ack)
    replies.append(bot.sim.event({"type": "message", "channel_type": "im", "channel": "D0DM1",
                                  "user": USER, "text": text, "ts": f"1700000001.{n:06}"}))
    replies.append(bot.sim.event({"type": "app_mention", "channel": CHANNEL, "user": USER,
                                  "text": f"<@U0BOT> {text}", "ts": f"1700000002.{n:06}",
                                  "thread_ts": "1700000000.000001"}))
    dm = bot.fake.wait_count("/api/chat.postMessage", n + 1)[-1].body
    assert WARNING in json.dumps(dm)
    mention = bot.fake.wait_count("/api/chat.postEphemeral", n + 1)[-1].body  # never public
    assert mention["user"] == USER and mention["thread_ts"] == "1700000000.000001"
    assert WARNING in json.dumps(mention) and "deleting" in json.dumps(mention)
    replies.append(bot.sim.payload({
        "type": "message_action", "callback_id": "check_identifiers", "team": {"id": TEAM},
        "user": {"id": USER}, "channel": {"id": CHANNEL},
        "message": {"type": "message", "text": text, "ts": f"1700000003.{n:06}"},
        "response_url": bot.fake.response_url(f"check{n}"), "trigger_id": f"1.3.{n}"}))
    check = bot.fake.wait_count(f"/response/check{n}", 1)[-1].body
    assert check["response_type"] == "ephemeral" and WARNING in check["text"]
    find_button(check["blocks"], "Check before posting")
    replies.append(bot.sim.payload({"type": "shortcut", "callback_id": "get_guidance",
                                    "team": {"id": TEAM}, "user": {"id": USER},
                                    "trigger_id": f"1.4.{n}"}))
    view = _view(bot.fake.wait_count("/api/views.open", n + 1)[-1].body)
    submitted = bot.sim.payload(_submission(view, text))
    assert submitted.json()["response_action"] == "errors"
    assert WARNING in submitted.json()["errors"]["da_describe"]
    replies.append(submitted)
    return replies


def _odd_places(bot: Bot) -> list[Reply]:
    """PHI where no person types it: values, metadata, unknown kinds, bad bytes, replays."""
    phi = EVERYTHING
    sent = [
        click("da_answer", f"requester={phi} notastate"),
        click("da_continue", f"q {phi}", state={"values": {"b": {"x": {
            "type": "plain_text_input", "value": phi}}}}),
        click("da_topic", phi),
        click("da_helpful", f"yes {phi}"),
        click("da_answer", phi, kind="static_select"),
        click("da_unknown_action", phi),
        {"type": "shortcut", "callback_id": f"no_such_{phi[:20]}", "team": {"id": TEAM},
         "user": {"id": USER}, "trigger_id": "1.5.1", "message": {"text": phi}},
        {"type": "message_action", "callback_id": "check_identifiers", "team": {"id": TEAM},
         "user": {"id": USER}, "channel": {"id": CHANNEL}, "trigger_id": "1.5.2",
         "response_url": bot.fake.response_url("odd"),
         "message": {"type": "message", "text": phi, "ts": "1.2",
                     "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": phi}}]}},
        {"type": "view_submission", "team": {"id": TEAM}, "user": {"id": USER},
         "trigger_id": "1.5.3", "view": {"id": "V0002", "hash": "h", "callback_id": "da_modal",
                                         "private_metadata": phi,
                                         "state": {"values": {"da_describe": {"text": {
                                             "type": "plain_text_input", "value": phi}}}}}},
        {"type": "view_closed", "team": {"id": TEAM}, "user": {"id": USER},
         "view": {"id": "V0003", "callback_id": "da_modal", "private_metadata": phi}},
        {"type": "block_suggestion", "team": {"id": TEAM}, "user": {"id": USER},
         "action_id": "da_answer", "value": phi},
    ]
    sent.append({"type": phi, "team": {"id": TEAM}, "user": {"id": USER}})  # a kind: labels
    replies = [bot.sim.payload(p) for p in sent]
    replies.append(bot.sim.event({"type": phi[:60], "user": USER, "text": phi}))
    replies.append(bot.sim.event({"type": "reaction_added", "user": USER, "reaction": phi,
                                  "item": {"type": "message", "channel": CHANNEL, "ts": "1.1"}}))
    replies.append(bot.sim.event({"type": "message", "channel_type": "channel",
                                  "channel": CHANNEL, "user": USER, "text": phi, "ts": "1.3"}))
    replies.append(bot.sim.event({"type": "message", "channel_type": "im", "channel": "D0DM1",
                                  "subtype": "message_changed", "user": USER,
                                  "message": {"text": phi}, "ts": "1.4"}))
    form = "application/x-www-form-urlencoded"
    replies.append(bot.sim.post("payload=" + urlencode({"x": phi})[2:] + "{not json", form))
    replies.append(bot.sim.post(json.dumps({"type": "event_callback", "event": phi}),
                                "application/json"))
    replies.append(bot.sim.post(urlencode({"text": phi}) + "&" + "x" * 70_000, form))
    body = bot.sim.command_body(phi, response_url=bot.fake.response_url("replay"))
    stamp = str(int(time.time()))
    signature = bot.sim.verifier.generate_signature(timestamp=stamp, body=body) or ""
    for _ in range(2):  # the second is a replay, refused
        replies.append(bot.sim.post(body, form, timestamp=stamp, signature=signature))
    assert replies[-1].status == 401
    return replies


def _bad_signatures(bot: Bot) -> list[Reply]:
    """Each kind of body with PHI, refused: forged, stale, wrong secret, none."""
    bodies = [
        (bot.sim.command_body(EVERYTHING, response_url=bot.fake.response_url("bad")),
         "application/x-www-form-urlencoded"),
        (urlencode({"payload": json.dumps({"type": "message_action", "message": {
            "text": EVERYTHING}})}), "application/x-www-form-urlencoded"),
        (json.dumps({"type": "event_callback", "event": {"type": "message", "text": EVERYTHING}}),
         "application/json"),
    ]
    now = int(time.time())
    replies = []
    for body, kind in bodies:
        stale = str(now - 301)
        attempts: list[dict[str, Any]] = [{"signature": "v0=" + "0" * 64},
                        {"signature": "", "timestamp": ""},
                        {"timestamp": stale, "signature": bot.sim.verifier.generate_signature(
                            timestamp=stale, body=body) or ""},
                        {"timestamp": "soon", "signature": "v0=1"}]
        for headers in attempts:
            reply = bot.sim.post(body, kind, **headers)
            assert reply.status == 401
            replies.append(reply)
    return replies


def test_phi_in_every_slack_entrance_is_never_logged_or_kept(bot: Bot, logs: Logs) -> None:
    replies = []
    for n, text in enumerate(TEXTS):
        replies += _typed_entrances(bot, text, n)
    replies += _odd_places(bot)
    replies += _bad_signatures(bot)
    bot.runtime.drain()  # the work after each ack is done (the pools take no more)
    assert len(bot.fake.of("/api/chat.postMessage")) == len(TEXTS)  # only the DM replies
    metrics = bot.sim.raw("GET", "/metrics")
    assert metrics.status == 200 and "decision_aid_slack_requests_total" in metrics.text
    written = logs.written()

    assert logs.level in logs.records.levels, "expected records at the level turned up to"
    names = {name.split(".")[0] if not name.startswith("decision_aid.slack.bolt")
             else "bolt" for name, _ in logs.records.dumps}
    # bolt's records (and its Web API client's, made under the base logger the bot gives
    # both) were made, and the bot's own
    assert {"bolt", "decision_aid"} <= names, names
    errors = [d.split("\n", 1)[0] for n, d in logs.records.dumps if '"levelno": 40' in d]
    assert not errors, errors  # every odd input was answered, none failed a listener
    for name, dumped in logs.records.dumps:
        assert_clean(dumped, f"a record of {name}")
    assert_clean(written, "the bot's JSON log lines")
    assert_clean(metrics.text, "/metrics")
    for reply in replies:
        assert reply.status < 500, reply.text[:200]
        assert_clean(json.dumps(reply.headers) + reply.text, "a reply")
    for call in bot.fake.calls:
        assert_clean(call.path + json.dumps(call.body, default=str), f"a call to {call.path}")


def test_bolts_own_signature_check_logs_no_phi(bot: Bot, logs: Logs) -> None:
    """Where bolt checks signatures itself (an App not behind the WSGI gate), its check
    logs a refused body at INFO; under the bot's base logger that text never survives."""
    from slack_bolt.request import BoltRequest

    from decision_aid.slack.app import build_app

    run = bot.runtime
    app = build_app(run.config, run.holder, client=run.client, shared=run.shared,
                    metrics=run.metrics, verify_token=False, verified_upstream=False)
    turn_everything_up(logs.level)  # building an App pins its base logger at WARNING again
    stale = str(int(time.time()) - 400)
    for body, headers in [
        (bot.sim.command_body(EVERYTHING, response_url=""), {"x-slack-signature": "v0=00"}),
        (urlencode({"payload": json.dumps({"type": "message_action",
                                           "message": {"text": EVERYTHING}})}),
         {"x-slack-signature": "v0=" + "1" * 64}),
        (json.dumps({"type": "event_callback", "event": {"text": EVERYTHING}}),
         {"x-slack-request-timestamp": stale}),
    ]:
        stamp = {"x-slack-request-timestamp": str(int(time.time()))}
        response = app.dispatch(BoltRequest(body=body, headers={**stamp, **headers}))
        assert response.status == 401
    assert any(name == "slack_bolt.RequestVerification" and '"levelno": 20' in dumped
               for name, dumped in logs.records.dumps), "bolt's INFO record was made"
    for name, dumped in logs.records.dumps:
        assert_clean(dumped, f"a record of {name}")
    assert_clean(logs.written(), "the bot's JSON log lines")
