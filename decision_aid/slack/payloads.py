"""Slack request bodies turned into small values: pure functions, no Slack library needed.

Slack sends different shapes for commands, clicks, shortcuts, modals and events; the
handlers read only what these return. Nothing here logs, and the free text (command text,
a message, a shortcut's message) is carried only in `Inbound.text`, whose repr hides it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Inbound:
    """Who asked, where, and how to answer; `text` is what they typed (repr hides it)."""

    kind: str
    team: str | None = None
    user: str | None = None
    channel: str | None = None
    thread_ts: str | None = None
    response_url: str | None = None
    trigger_id: str | None = None
    text: str = field(default="", repr=False)


EVENT_KINDS = ("message", "app_mention", "app_home_opened")


def _map(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def kind_of(body: Mapping[str, Any]) -> str:
    """A short name for the request kind, for metrics and logs (never text)."""
    if "command" in body:
        return "command"
    kind = body.get("type")
    if kind == "event_callback":
        event = body.get("event")
        if not isinstance(event, Mapping):
            return "event"
        # A fixed set: a metric label per event type Slack (or a fuzzer) could send would
        # grow without bound
        return f"event:{event.get('type')}" if event.get("type") in EVENT_KINDS else \
            "event:other"
    if kind in ("block_actions", "view_submission", "view_closed", "shortcut",
                "message_action", "url_verification"):
        return str(kind)
    if body.get("ssl_check") == "1":
        return "ssl_check"
    return "other"


def _team(body: Mapping[str, Any]) -> str | None:
    team = body.get("team_id") or body.get("team")
    if isinstance(team, Mapping):
        team = team.get("id")
    return str(team) if team else None


def _user(body: Mapping[str, Any]) -> str | None:
    user = body.get("user_id") or body.get("user")
    if isinstance(user, Mapping):
        user = user.get("id")
    return str(user) if user else None


def command(body: Mapping[str, Any]) -> Inbound:
    return Inbound("command", _team(body), _user(body), body.get("channel_id"), None,
                   body.get("response_url"), body.get("trigger_id"),
                   str(body.get("text") or ""))


def action(body: Mapping[str, Any]) -> Inbound:
    return Inbound("block_actions", _team(body), _user(body), _map(body.get("channel")).get("id"),
                   _map(body.get("container")).get("thread_ts"), body.get("response_url"),
                   body.get("trigger_id"))


def container_channel(body: Mapping[str, Any]) -> str | None:
    """The channel of the message a click was in (when `channel` is absent)."""
    channel = _map(body.get("container")).get("channel_id")
    return str(channel) if channel else None


def message_shortcut(body: Mapping[str, Any]) -> Inbound:
    message = _map(body.get("message"))
    channel = _map(body.get("channel"))
    return Inbound("message_action", _team(body), _user(body), channel.get("id"),
                   message.get("thread_ts"), body.get("response_url"), body.get("trigger_id"),
                   str(message.get("text") or ""))


def shortcut(body: Mapping[str, Any]) -> Inbound:
    return Inbound("shortcut", _team(body), _user(body), trigger_id=body.get("trigger_id"))


def event(body: Mapping[str, Any]) -> Inbound:
    ev = _map(body.get("event"))
    return Inbound("event:" + str(ev.get("type")), _team(body), _user(ev), ev.get("channel"),
                   ev.get("thread_ts"), text=str(ev.get("text") or ""))


def delivery_key(body: Mapping[str, Any]) -> str | None:
    """What identifies one event delivery across Slack's retries (None: not an event)."""
    if body.get("type") != "event_callback":
        return None
    if body.get("event_id"):
        return "event:" + str(body["event_id"])
    ev = _map(body.get("event"))
    stamp = ev.get("event_ts") or ev.get("ts")
    return f"event:{_team(body)}:{stamp}" if stamp else None


def is_plain_dm(event_body: Mapping[str, Any]) -> bool:
    """A person's own new message in a DM with the bot (not an edit, a bot, or a join)."""
    return (event_body.get("channel_type") == "im" and not event_body.get("subtype")
            and not event_body.get("bot_id") and bool(event_body.get("user")))


def selected_options(body: Mapping[str, Any], block_id: str) -> tuple[str, ...]:
    """The option values ticked in a checkbox block, read from `state.values`."""
    state = _map(body.get("state")) or _map(_map(body.get("view")).get("state"))
    block = _map(state.get("values")).get(block_id)
    if not isinstance(block, Mapping):
        return ()
    picked: list[str] = []
    for element in block.values():
        if isinstance(element, Mapping):
            for option in element.get("selected_options") or ():
                if isinstance(option, Mapping) and isinstance(option.get("value"), str):
                    picked.append(option["value"])
    return tuple(picked)


def input_text(body: Mapping[str, Any], block_id: str) -> str:
    """A modal's plain-text input value (free text: route it through the intake only)."""
    block = _map(_map(_map(body.get("view")).get("state")).get("values")).get(block_id)
    if isinstance(block, Mapping):
        for element in block.values():
            if isinstance(element, Mapping) and isinstance(element.get("value"), str):
                return str(element["value"])
    return ""
