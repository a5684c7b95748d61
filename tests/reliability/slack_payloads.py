"""Slack request bodies for fuzzing the bot: real ones of every kind, then changed.

`base_requests` builds what Slack sends for every entrance, from the bot's own screens
(so clicks carry real signed states): slash commands, clicks on every kind of button,
checkbox Continue with a selection, shortcuts, view submissions, DMs, mentions, App Home,
url_verification. `mutate` changes one at the JSON level (a key dropped, a value of the
wrong type, an unknown kind or action, a re-signed mutant state, a huge or odd string)
or at the byte level (truncated, bad percent-encoding, a payload that is not JSON, an
array instead of an object). The caller signs the result as Slack would: these are the
"correctly signed but malformed" requests of issue 12.
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from decision_aid.core import KnowledgeBase
from decision_aid.slack.signed_requests import buttons

from .state_mutants import mutant

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
TEAM, USER, CHANNEL = "T0TEST", "U0STAFF1", "C0WARD1"

ODD_VALUES: tuple[Any, ...] = (
    None, True, 0, -1, 10**30, 1.5e308, "", " ", "x" * 3000, "\ud800", "\u0000", "é" * 10,
    "<!channel>", [], {}, [None], {"id": None}, {"type": None}, [[[[[[[[[[]]]]]]]]]],
    "da_answer", "da_restart", "block_actions", "view_submission", "T0OTHER", "U0OTHER",
    "http://127.0.0.1:1/nowhere", "https://hooks.slack.com.invalid/commands/T0/1/x",
    "https://user:pw@replies.invalid/x", "ftp://x", "http://[::1", "http://x:99999/",
)
KINDS = ("block_actions", "view_submission", "view_closed", "shortcut", "message_action",
         "event_callback", "url_verification", "interactive_message", "dialog_submission",
         "app_rate_limited", "block_suggestion", "workflow_step_edit", "x")
ACTION_IDS = ("da_answer", "da_multi", "da_continue", "da_back", "da_restart", "da_why",
              "da_resume", "da_topic", "da_page", "da_share", "da_helpful", "da_start_private",
              "da_open_modal", "da_link", "da_", "da_zzz", "other", "")


@dataclass(frozen=True, slots=True)
class Request:
    """One body as Slack would send it, before signing."""

    kind: str
    body: bytes
    content_type: str


def form_payload(payload: Any) -> Request:
    return Request(str(payload.get("type")) if isinstance(payload, dict) else "odd",
                   urlencode({"payload": json.dumps(payload)}).encode(), FORM)


def command(text: str, response_url: str, **extra: str) -> Request:
    fields = {"token": "legacy", "team_id": TEAM, "team_domain": "example",
              "channel_id": CHANNEL, "channel_name": "ward", "user_id": USER,
              "user_name": "staff", "command": "/guidance", "text": text, "api_app_id": "A0APP",
              "response_url": response_url, "trigger_id": "1337.42.abcdef", **extra}
    return Request("command", urlencode(fields).encode(), FORM)


def event(ev: dict[str, Any], event_id: str) -> Request:
    body = {"token": "legacy", "team_id": TEAM, "api_app_id": "A0APP", "event": ev,
            "type": "event_callback", "event_id": event_id, "event_time": 1700000000,
            "authorizations": [{"team_id": TEAM, "user_id": "U0BOT", "is_bot": True}]}
    return Request("event", json.dumps(body).encode(), JSON)


def click(button: dict[str, Any], response_url: str, *, modal: dict[str, Any] | None = None,
          selection: dict[str, Any] | None = None) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "type": "block_actions", "user": {"id": USER, "team_id": TEAM}, "api_app_id": "A0APP",
        "team": {"id": TEAM}, "trigger_id": "1337.43.abcdef",
        "actions": [{"type": "button", "action_id": button.get("action_id", ""),
                     "block_id": "b", "value": button.get("value", ""),
                     "text": button.get("text", {}), "action_ts": "1700000000.1"}]}
    if modal is not None:
        payload["container"] = {"type": "view", "view_id": "V0001"}
        payload["view"] = {**modal, "id": "V0001", "hash": "h1",
                           "state": selection or {"values": {}}}
    else:
        payload["container"] = {"type": "message", "message_ts": "1700000000.000100",
                                "channel_id": CHANNEL, "is_ephemeral": True}
        payload["channel"] = {"id": CHANNEL, "name": "ward"}
        payload["response_url"] = response_url
        payload["state"] = selection or {"values": {}}
    return payload


def _screens(kb: KnowledgeBase, key: bytes) -> Iterator[Any]:
    """The bot's screens on a walk through each topic: the picker, questions, results."""
    from decision_aid.core import Ask, next_step, start
    from decision_aid.slack import screens
    from decision_aid.slack.result_blocks import result_screen
    from decision_aid.slack.values import Codec

    codec = Codec(key)
    yield screens.picker(kb)
    for topic in kb.topics:
        session = start(kb, topic)
        for _ in range(30):
            step = next_step(kb, session)
            if not isinstance(step, Ask):
                yield result_screen(codec, kb, step.result, session, can_share=True)
                break
            yield screens.question(codec, kb, step)
            yield screens.question(codec, kb, step, modal=True)
            q = step.question
            value: Any = (q.options[0].id,) if q.kind.value == "multi" else q.options[-1].id
            from decision_aid.core import answer

            session = answer(kb, session, q.id, value)


def base_requests(kb: KnowledgeBase, key: bytes, response_url: str) -> list[Request]:
    """Every kind of request Slack sends the bot, each well formed."""
    found = [command(text, response_url) for text in
             ("", "help", "a patient sent me a friend request on facebook",
              "can I post a photo of an x-ray", "zzz")]
    for screen in _screens(kb, key):
        metadata = getattr(screen, "metadata", "")
        modal = {"type": "modal", "callback_id": "da_modal", "private_metadata": metadata,
                 "blocks": screen.blocks}
        for button in buttons(screen.blocks):
            found.append(form_payload(click(button, response_url)))
        for block in screen.blocks:
            if str(block.get("block_id", "")).startswith("da_multi_"):
                element = block["elements"][0]
                picked = {"values": {block["block_id"]: {element["action_id"]: {
                    "type": "checkboxes",
                    "selected_options": element["options"][:2]}}}}
                cont = next((b for b in buttons(screen.blocks)
                             if b["action_id"].startswith("da_continue")), None)
                if cont is not None:
                    found.append(form_payload(click(cont, response_url, selection=picked)))
                if metadata:
                    found.append(form_payload({
                        "type": "view_submission", "team": {"id": TEAM},
                        "user": {"id": USER}, "trigger_id": "1.2.5",
                        "view": {**modal, "id": "V0001", "hash": "h2", "state": picked}}))
    found += [
        form_payload({"type": "shortcut", "callback_id": "get_guidance", "team": {"id": TEAM},
                      "user": {"id": USER}, "trigger_id": "1.2.4"}),
        form_payload({"type": "message_action", "callback_id": "check_identifiers",
                      "team": {"id": TEAM}, "user": {"id": USER}, "channel": {"id": CHANNEL},
                      "message": {"type": "message", "text": "a ward round note",
                                  "ts": "1700000003.1"},
                      "response_url": response_url, "trigger_id": "1.2.3"}),
        form_payload({"type": "view_submission", "team": {"id": TEAM}, "user": {"id": USER},
                      "trigger_id": "1.2.6", "view": {
                          "id": "V0002", "hash": "h3", "type": "modal",
                          "callback_id": "da_modal", "private_metadata": "describe",
                          "state": {"values": {"da_describe": {"text": {
                              "type": "plain_text_input",
                              "value": "a colleague posted about a patient"}}}}}}),
        form_payload({"type": "view_closed", "team": {"id": TEAM}, "user": {"id": USER},
                      "view": {"id": "V0002", "callback_id": "da_modal"}}),
        event({"type": "message", "channel_type": "im", "channel": "D0DM1", "user": USER,
               "text": "help", "ts": "1700000001.000500"}, "Ev0BASE1"),
        event({"type": "app_mention", "channel": CHANNEL, "user": USER,
               "text": "<@U0BOT> a question", "ts": "1700000002.1",
               "thread_ts": "1700000000.1"}, "Ev0BASE2"),
        event({"type": "app_home_opened", "user": USER, "channel": "D0DM1", "tab": "home"},
              "Ev0BASE3"),
        Request("url_verification", json.dumps({"type": "url_verification",
                                                "challenge": "abc", "token": "t"}).encode(),
                JSON),
    ]
    return found


# -- mutation -----------------------------------------------------------------------------------
def _nodes(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    yield path, node
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _nodes(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _nodes(v, (*path, i))


def _mutate_json(data: Any, kb: KnowledgeBase, key: bytes, rng: random.Random) -> Any:
    data = copy.deepcopy(data)
    for _ in range(rng.randint(1, 3)):
        nodes = list(_nodes(data))[1:]
        if not nodes:
            return rng.choice(ODD_VALUES)
        path, node = rng.choice(nodes)
        parent = data
        for step in path[:-1]:
            parent = parent[step]
        last = path[-1]
        op = rng.randrange(8)
        if op == 0:
            del parent[last]
        elif op == 1:
            parent[last] = copy.deepcopy(rng.choice(ODD_VALUES))
        elif op == 2 and last == "type":
            parent[last] = rng.choice(KINDS)
        elif op == 3 and last == "action_id":
            parent[last] = rng.choice(ACTION_IDS)
        elif op == 4 and isinstance(node, str) and "|" in node:  # a state in a value
            argument, _, state = node.partition(" ")
            parent[last] = f"{argument} {mutant(state, kb, key, rng)}"
        elif op == 5 and isinstance(node, str):
            parent[last] = node[: rng.randrange(len(node) + 1)]
        elif op == 6 and isinstance(node, list) and node:
            node.append(copy.deepcopy(node[0]))
        elif op == 7 and isinstance(parent, dict):
            parent[rng.choice(["extra", "type", "actions", "view", "event", "user"])] = \
                copy.deepcopy(rng.choice(ODD_VALUES))
    return data


def mutate(request: Request, kb: KnowledgeBase, key: bytes, rng: random.Random) -> Request:
    """One malformed variant of a well-formed request (unsigned; sign it as Slack would)."""
    from urllib.parse import parse_qs

    shape = rng.random()
    raw = request.body
    if shape < 0.08:  # byte level
        choice = rng.randrange(6)
        if choice == 0:
            raw = raw[: rng.randrange(len(raw) + 1)]
        elif choice == 1:
            raw = raw + rng.choice([b"%ZZ", b"%", b"&&&", b"=&=", b"%FF%FE", b"\xff\xfe"])
        elif choice == 2:
            raw = b"payload=" + quote(rng.choice(["[1,2]", '"text"', "42", "null", "{",
                                                  "{}", '{"type": []}'])).encode()
        elif choice == 3:
            raw = b""
        elif choice == 4:
            raw = raw + b"&payload=" + quote("{}").encode()
        else:
            raw = raw.replace(b"payload=", b"payload[]=", 1)
        return Request(request.kind, raw, request.content_type)
    if request.content_type == JSON:
        data = json.loads(raw)
        changed = _mutate_json(data, kb, key, rng)
        return Request(request.kind, json.dumps(changed).encode(), JSON)
    fields = {k: v[0] for k, v in parse_qs(raw.decode(), keep_blank_values=True).items()}
    if "payload" in fields:
        changed = _mutate_json(json.loads(fields["payload"]), kb, key, rng)
        if rng.random() < 0.02:  # oversized, still under the 1 MiB body limit
            changed = {"type": "block_actions", "pad": "x" * 900_000, "inner": changed}
        return Request(request.kind, urlencode({"payload": json.dumps(changed)}).encode(),
                       FORM)
    name = rng.choice(sorted(fields))
    op = rng.randrange(4)
    if op == 0:
        del fields[name]
    elif op == 1:
        fields[name] = rng.choice(["", " ", "x" * 3000, "\u202e", "é", "/other", "help"])
    elif op == 2:
        fields["text"] = "".join(rng.choice("ab 1\u00b2\u0663<>&*_~`\n") for _ in range(40))
    else:
        fields[name + "_extra"] = "1"
    return Request(request.kind, urlencode(fields).encode(), FORM)
