"""Slack's side of the conversation: signed HTTP requests to the bot, built like Slack's.

In the package so `cases run --face slack` and tests/slackbot sign requests the same way.

Bodies are signed with slack_sdk's SignatureVerifier (`v0=` HMAC-SHA256 of
`v0:{timestamp}:{body}`), sent over real HTTP to 127.0.0.1. `click` builds a
block_actions payload from the button a person would press in the blocks they were shown.
"""

from __future__ import annotations

import hashlib
import hmac
import http.client
import json
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

from slack_sdk.signature import SignatureVerifier

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"  # synthetic
TEAM = "T0TEST"
USER = "U0STAFF1"
CHANNEL = "C0WARD1"


def signature(body: bytes, stamp: str, secret: str = SECRET) -> str:
    """Slack's `v0=` signature of `body` at `stamp`, over the raw bytes: a fuzzed body
    need not be UTF-8, which SignatureVerifier.generate_signature decodes it as first."""
    return "v0=" + hmac.new(secret.encode(), b"v0:" + stamp.encode() + b":" + body,
                            hashlib.sha256).hexdigest()


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    text: str

    def json(self) -> Any:
        return json.loads(self.text)


def buttons(blocks: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for block in blocks:
        for element in block.get("elements", []) if block.get("type") == "actions" else []:
            if element.get("type") == "button":
                yield element
        accessory = block.get("accessory")
        if isinstance(accessory, dict) and accessory.get("type") == "button":
            yield accessory


def find_button(blocks: list[dict[str, Any]], text: str) -> dict[str, Any]:
    """The first button whose label starts with `text`."""
    for element in buttons(blocks):
        if element["text"]["text"].startswith(text):
            return element
    labels = [b["text"]["text"] for b in buttons(blocks)]
    raise AssertionError(f"no button {text!r} among {labels}")


def _trigger_id() -> str:
    """Unique per request, as Slack's are: two requests are never the same signed bytes
    (the bot refuses a signature it has seen as a replay)."""
    return f"1337.{uuid.uuid4().int % 10**12}.{uuid.uuid4().hex[:10]}"


class SlackSim:
    def __init__(self, base_url: str, secret: str = SECRET) -> None:
        self.base = base_url.rstrip("/")
        self.secret = secret
        self.verifier = SignatureVerifier(secret)

    def post(self, body: str, content_type: str, *, timestamp: str | None = None,
             signature: str | None = None, headers: dict[str, str] | None = None,
             path: str = "/slack/events") -> Reply:
        stamp = timestamp if timestamp is not None else str(int(time.time()))
        sign = signature if signature is not None else self.verifier.generate_signature(
            timestamp=stamp, body=body)
        all_headers = {"Content-Type": content_type}
        if stamp != "":
            all_headers["X-Slack-Request-Timestamp"] = stamp
        if sign:
            all_headers["X-Slack-Signature"] = sign
        all_headers.update(headers or {})
        return self.raw("POST", path, body.encode(), all_headers)

    def raw(self, method: str, path: str, data: bytes = b"",
            headers: dict[str, str] | None = None) -> Reply:
        parts = urlsplit(self.base)
        conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=10)
        try:
            conn.request(method, path, body=data, headers=headers or {})
            response = conn.getresponse()
            text = response.read().decode()
            return Reply(response.status, {k.lower(): v for k, v in response.getheaders()},
                         text)
        finally:
            conn.close()

    # -- request kinds ----------------------------------------------------------------------
    def command_body(self, text: str, *, response_url: str, command: str = "/guidance",
                     user: str = USER, channel: str = CHANNEL) -> str:
        return urlencode({"token": "legacy", "team_id": TEAM, "team_domain": "example",
                          "channel_id": channel, "channel_name": "ward", "user_id": user,
                          "user_name": "staff", "command": command, "text": text,
                          "api_app_id": "A0APP", "response_url": response_url,
                          "trigger_id": _trigger_id()})

    def command(self, text: str = "", *, response_url: str, **kwargs: Any) -> Reply:
        return self.post(self.command_body(text, response_url=response_url, **kwargs),
                         "application/x-www-form-urlencoded")

    def payload(self, payload: dict[str, Any], **kwargs: Any) -> Reply:
        return self.post(urlencode({"payload": json.dumps(payload)}),
                         "application/x-www-form-urlencoded", **kwargs)

    def click_payload(self, button: dict[str, Any], *, response_url: str,
                      blocks: list[dict[str, Any]] | None = None, user: str = USER,
                      view: dict[str, Any] | None = None,
                      state: dict[str, Any] | None = None) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "type": "block_actions", "user": {"id": user, "team_id": TEAM},
            "api_app_id": "A0APP", "team": {"id": TEAM}, "trigger_id": _trigger_id(),
            "actions": [{"type": "button", "action_id": button["action_id"],
                         "block_id": "b", "value": button.get("value", ""),
                         "text": button["text"], "action_ts": str(time.time())}],
        }
        if view is not None:
            payload["container"] = {"type": "view", "view_id": view["id"]}
            payload["view"] = {**view, "state": state or {"values": {}}}
        else:
            payload["container"] = {"type": "message", "message_ts": "1700000000.000100",
                                    "channel_id": CHANNEL, "is_ephemeral": True}
            payload["channel"] = {"id": CHANNEL, "name": "ward"}
            payload["response_url"] = response_url
            payload["message"] = {"blocks": blocks or []}
            payload["state"] = state or {"values": {}}
        return payload

    def click(self, blocks: list[dict[str, Any]], label: str, *, response_url: str,
              **kwargs: Any) -> Reply:
        button = find_button(blocks, label)
        return self.payload(self.click_payload(button, response_url=response_url,
                                               blocks=blocks, **kwargs))

    def event(self, event: dict[str, Any], *, event_id: str | None = None,
              headers: dict[str, str] | None = None) -> Reply:
        body = {"token": "legacy", "team_id": TEAM, "api_app_id": "A0APP", "event": event,
                "type": "event_callback", "event_id": event_id or f"Ev{uuid.uuid4().hex[:10]}",
                "event_time": int(time.time()), "authorizations": [
                    {"team_id": TEAM, "user_id": "U0BOT", "is_bot": True}]}
        return self.post(json.dumps(body), "application/json", headers=headers)


def ticked(block_id: str, action_id: str, values: list[str]) -> dict[str, Any]:
    """`state.values` with these checkbox options ticked."""
    return {"values": {block_id: {action_id: {
        "type": "checkboxes",
        "selected_options": [{"value": v, "text": {"type": "plain_text", "text": v}}
                             for v in values]}}}}
