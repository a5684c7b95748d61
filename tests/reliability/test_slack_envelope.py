"""The checks in front of bolt: the body's shape (envelope.py) and where replies may go
(delivery.py). Each row was a failure the fuzz found (issue 12)."""

from __future__ import annotations

import pytest

pytest.importorskip("slack_bolt")

from slackbot.conftest import Bot, counted

from decision_aid.slack import envelope
from decision_aid.slack.delivery import Delivery
from decision_aid.slack.fake_api import FakeSlack
from decision_aid.slack.metrics import Metrics
from decision_aid.slack.signed_requests import find_button


@pytest.mark.parametrize(("body", "field"), [
    pytest.param({"type": "block_actions", "user": 0, "actions": [{"action_id": "da_x"}]},
                 "user", id="user-a-number"),
    pytest.param({"type": "block_actions", "actions": []}, "actions", id="no-actions"),
    pytest.param({"type": "block_actions", "actions": ["x"]}, "actions", id="action-a-string"),
    pytest.param({"type": "block_actions", "actions": [{"action_id": {}}]}, "actions",
                 id="action-id-an-object"),
    pytest.param({"type": "event_callback", "event": "x"}, "event", id="event-a-string"),
    pytest.param({"type": "event_callback", "event": None}, "event", id="event-null"),
    pytest.param({"type": "event_callback", "event": {"text": "x"}}, "event.type",
                 id="event-without-type"),
    pytest.param({"type": "event_callback", "event": {"type": "message", "user": []}},
                 "event.user", id="event-user-a-list"),
    pytest.param({"type": "view_submission", "view": {"state": {}}}, "view.type",
                 id="view-without-type"),
    pytest.param({"authorizations": ["x"], "type": "event_callback"}, "authorizations",
                 id="authorizations-of-strings"),
    pytest.param({"container": "x", "type": "block_actions"}, "container",
                 id="container-a-string"),
    pytest.param({"type": ["block_actions"]}, "type", id="type-a-list"),
])
def test_a_body_bolt_cannot_read_is_named_by_its_field(body: dict[str, object],
                                                       field: str) -> None:
    assert envelope.problem(body) == field


@pytest.mark.parametrize(("text", "kind"), [
    ("payload=%5B1%2C2%5D", None), ("payload=%7B", None), ("payload=42", None),
    ("[1, 2]", "application/json"), ('"text"', "application/json"), ("{", None),
    ('{"a": ' * 100_000, None)])
def test_a_body_that_is_not_an_object_is_none(text: str, kind: str | None) -> None:
    assert envelope.read(text, kind) is None


def test_well_formed_bodies_pass() -> None:
    assert envelope.problem({"command": "/guidance", "text": "", "user_id": "U1"}) is None
    assert envelope.problem({"type": "block_actions", "user": {"id": "U1"},
                             "actions": [{"action_id": "da_back", "value": "x"}],
                             "container": {"type": "message"}}) is None


def test_the_word_payload_in_a_form_is_read_as_text_not_as_a_payload() -> None:
    from slack_bolt.request.internals import parse_body

    text = "command=%2Fguidance&text=my+payload+list"
    assert parse_body(text, None) == {}  # bolt's own reading: an empty body
    assert envelope.read(text, None) == {"command": "/guidance", "text": "my payload list"}
    form = "payload=%7B%22type%22%3A+%22block_actions%22%7D"
    assert envelope.read(form, None) == {"type": "block_actions"}


@pytest.mark.parametrize(("url", "allowed"), [
    ("https://hooks.slack.com/actions/T0/1/abc", True),
    ("https://hooks.slack-gov.com/actions/T0/1/abc", True),
    ("https://hooks.slack.com:443/actions/T0/1/abc", True),
    ("http://127.0.0.1:8099/response/r1", True),  # the configured SLACK_API_URL's host
    ("http://hooks.slack.com/actions/T0/1/abc", False),
    ("https://hooks.slack.com.evil.example/x", False),
    ("https://evil.example/?next=hooks.slack.com", False),
    ("https://user:pw@hooks.slack.com/x", False),
    ("https://hooks.slack.com:8443/x", False),
    ("http://169.254.169.254/latest/meta-data/", False),
    ("http://127.0.0.1:6379/", False),
    ("file:///etc/passwd", False),
    ("ftp://x", False),
    ("http://[::1", False),
    ("", False),
    (None, False),
    (42, False),
])
def test_replies_go_only_to_slack_hosts(url: object, allowed: bool) -> None:
    delivery = Delivery(Metrics(), api_url="http://127.0.0.1:8099/api/")

    assert delivery.allowed(url) is allowed


def test_a_click_whose_response_url_points_elsewhere_is_not_posted_to(bot: Bot) -> None:
    # SSRF: whoever holds the signing secret could make the bot POST anywhere it can reach
    elsewhere = FakeSlack()
    try:
        blocks = bot.sim.command("", response_url=bot.fake.response_url()).json()["blocks"]
        button = find_button(blocks, "Friend and follow")
        payload = bot.sim.click_payload(button, response_url=elsewhere.response_url("ssrf"))
        assert bot.sim.payload(payload).status == 200
        bot.runtime.drain()

        assert elsewhere.calls == []
        assert counted(bot, "decision_aid_slack_delivery_failures") == 1
    finally:
        elsewhere.close()
