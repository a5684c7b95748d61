"""A signed request's body, read and shape-checked before bolt sees it.

Slack's signature proves who sent a body, not that bolt can read it. Bolt indexes into
the fields it routes on (`body["actions"][0]`, `"id" in body["user"]`, `body["event"]
.get(...)`) without checking their types, so a correctly signed body with `"user": 0`
or `"actions": []` raised inside `BoltRequest()` or a matcher, and escaped as an HTTP 500
(issue 12's fuzz found 2 in 100). `read` parses the body as bolt does, but never raises,
and `problem` names the first field bolt or our handlers read that has the wrong shape.
bolt is handed the body `read` made (wsgi.py), which also avoids a bolt quirk: bolt reads
a form body containing the word "payload" anywhere (a slash command's text, say) as an
interactive payload that is not there, so the command arrived empty.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from decision_aid.slack.form import parse_form

Body = dict[str, Any]

_TEXT_FIELDS = ("type", "user_id", "team_id", "channel_id", "enterprise_id", "response_url",
                "trigger_id", "command", "text", "callback_id", "thread_ts", "api_app_id",
                "event_id", "challenge", "ssl_check", "function_execution_id")
_ID_FIELDS = ("user", "team", "channel", "enterprise")
_MAP_FIELDS = ("container", "view", "message", "state", "event", "function_data", "item",
               "previous_message", "assistant_thread", "workflow_step")
_EVENT_TEXT = ("type", "user", "channel", "text", "ts", "event_ts", "thread_ts", "channel_type",
               "subtype", "bot_id", "tab", "team", "user_team", "user_id")
_VIEW_TEXT = ("id", "hash", "type", "callback_id", "private_metadata", "team_id",
              "app_installed_team_id")
_CONTAINER_TEXT = ("type", "channel_id", "view_id", "thread_ts", "message_ts")
_NEEDS = {"block_actions": "actions", "view_submission": "view", "view_closed": "view",
          "shortcut": "callback_id", "message_action": "callback_id",
          "event_callback": "event"}


def read(text: str, content_type: str | None) -> Body | None:
    """The body as bolt would parse it (same rules), or None when it is not an object."""
    try:
        if content_type == "application/json" or text.startswith("{"):
            data: Any = json.loads(text)
        else:
            form = dict(parse_form(text))  # parse_qsl's reading, escapes decoded in C
            data = json.loads(form["payload"]) if "payload" in form else form
    except (ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


def _text(value: object) -> bool:
    return value is None or isinstance(value, str)


def _id(value: object) -> bool:
    return _text(value) or (isinstance(value, Mapping) and _text(value.get("id")) and
                            _text(value.get("team_id")) and _text(value.get("enterprise_id")))


def _fields(where: str, data: Mapping[str, Any], texts: tuple[str, ...]) -> str | None:
    for name in texts:  # _text inlined: this runs for some 30 fields a request
        value = data.get(name)
        if value is not None and not isinstance(value, str):
            return f"{where}{name}"
    return None


def problem(body: Body) -> str | None:
    """The first field with a shape bolt or the handlers cannot read (a field name for
    logs and metrics, never a value), or None when the body can be dispatched."""
    found = _fields("", body, _TEXT_FIELDS)
    if found:
        return found
    for name in _ID_FIELDS:
        if not _id(body.get(name)):
            return name
    for name in _MAP_FIELDS:  # present means an object: bolt reads body.get(name, {})
        if name in body and not isinstance(body[name], Mapping):
            return name
    for name in ("authorizations", "response_urls", "actions"):
        items = body.get(name)
        if items is not None and not (isinstance(items, list) and
                                      all(isinstance(i, Mapping) for i in items)):
            return name
    for item in body.get("authorizations") or ():
        if not all(_text(item.get(k)) for k in ("team_id", "enterprise_id", "user_id")):
            return "authorizations"
    needed = _NEEDS.get(str(body.get("type")))
    if needed and not body.get(needed):
        return needed
    return _inner(body)


def _inner(body: Body) -> str | None:
    for action in body.get("actions") or ():
        if not isinstance(action.get("action_id"), str) or not _text(action.get("value")) \
                or not _text(action.get("block_id")):
            return "actions"
    event = body.get("event")
    if isinstance(event, Mapping):
        found = _fields("event.", event, _EVENT_TEXT)
        if found or (body.get("type") == "event_callback" and not event.get("type")):
            return found or "event.type"
        for name in ("message", "previous_message", "item", "assistant_thread"):
            if name in event and not isinstance(event[name], Mapping):
                return f"event.{name}"
    view = body.get("view")
    if isinstance(view, Mapping):
        found = _fields("view.", view, _VIEW_TEXT)
        if found:
            return found
        if body.get("type") in ("view_submission", "view_closed") and \
                not (view.get("type") and view.get("callback_id")):
            return "view.type"  # bolt reads body["view"]["type"] for any submission
        if view.get("state") is not None and not isinstance(view.get("state"), Mapping):
            return "view.state"
    container = body.get("container")
    if isinstance(container, Mapping):
        found = _fields("container.", container, _CONTAINER_TEXT)
        if found:
            return found
    message = body.get("message")
    if isinstance(message, Mapping):
        found = _fields("message.", message, ("text", "ts", "thread_ts", "type"))
        if found or not _id(message.get("user")):
            return found or "message.user"
    return None
