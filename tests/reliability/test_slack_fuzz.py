"""Correctly signed but malformed Slack requests (issue 12): 10,000 mutants of every kind
of request Slack sends (tests/reliability/slack_payloads.py), signed as Slack signs them,
through the bot's WSGI app (the one gunicorn serves), in process, and a few hundred over
real HTTP on 127.0.0.1. Never a 5xx, never an exception out of the app or a listener, no
metric label outside a fixed set; a click that could not be continued gets the start
screen through its response_url.
"""

from __future__ import annotations

import io
import json
import logging
import random
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

pytest.importorskip("slack_bolt")

from slackbot.conftest import Bot

from decision_aid.slack.signed_requests import SECRET, signature

from .slack_payloads import FORM, Request, base_requests, form_payload, mutate

KINDS = {"command", "block_actions", "view_submission", "view_closed", "shortcut",
         "message_action", "url_verification", "ssl_check", "other", "event",
         "event:message", "event:app_mention", "event:app_home_opened", "event:other"}


def environ(body: bytes, content_type: str, *, stamp: str | None = None,
            secret: str = SECRET) -> dict[str, Any]:
    stamp = stamp or str(int(time.time()))
    return {"REQUEST_METHOD": "POST", "PATH_INFO": "/slack/events", "QUERY_STRING": "",
            "CONTENT_LENGTH": str(len(body)), "CONTENT_TYPE": content_type,
            "wsgi.input": io.BytesIO(body), "HTTP_X_SLACK_REQUEST_TIMESTAMP": stamp,
            "HTTP_X_SLACK_SIGNATURE": signature(body, stamp, secret)}


def call(bot: Bot, env: dict[str, Any]) -> tuple[int, bytes]:
    seen: dict[str, str] = {}

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        seen["status"] = status

    assert bot.runtime.wsgi is not None
    body = b"".join(bot.runtime.wsgi(env, start_response))
    return int(seen["status"].split()[0]), body


class Records(logging.Handler):
    """Every record from every logger, kept for the checks after the run."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def events(self, name: str) -> list[logging.LogRecord]:
        return [r for r in self.records if r.getMessage() == name]


@pytest.fixture
def records() -> Iterator[Records]:
    handler = Records()
    root = logging.getLogger()
    old = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    logging.getLogger("decision_aid").setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
        root.setLevel(old)


def settle(bot: Bot) -> None:
    """Wait for every listener still working after its ack (the pool is not reused)."""
    bot.runtime.drain()


def metric_kinds(bot: Bot) -> set[str]:
    return {sample.labels["kind"] for family in bot.runtime.metrics.registry.collect()
            for sample in family.samples if "kind" in sample.labels}


def test_ten_thousand_signed_malformed_requests_never_fail(bot: Bot, records: Records
                                                          ) -> None:
    kb, key = bot.runtime.holder.kb, bot.runtime.config.state_key
    # Replies go to a host the bot refuses to post to (counted, not sent): the 150 clicks
    # over HTTP below check what a person sees; here, that nothing fails on the way
    bases = base_requests(kb, key, "https://replies.invalid/fuzz")
    rng = random.Random(12)
    unique: dict[bytes, Request] = {}
    while len(unique) < 10_000:
        base = rng.choice(bases)
        request = mutate(base, kb, key, rng) if rng.random() < 0.9 else base
        unique.setdefault(request.body, request)
    requests = list(unique.values())
    for i in range(0, 10_000, 100):  # and 100 of them sent again: replays
        requests.insert(i + rng.randrange(100), requests[i])
    stamp = str(int(time.time()))
    sent: set[bytes] = set()
    replays = []
    for request in requests:
        replays.append(request.body in sent)
        sent.add(request.body)

    def send(request: Request) -> tuple[int, str]:
        return call(bot, environ(request.body, request.content_type, stamp=stamp))[0], \
            request.kind

    # 16 at a time, as a server's threads would: a sync bolt app waits for each ack by
    # polling every 10 ms, so one at a time would take minutes
    with ThreadPoolExecutor(16) as senders:
        answered = list(senders.map(send, requests))
    settle(bot)

    # The same signed bytes twice are a replay (401); anything else is answered, never 5xx
    assert [s == 401 for s, _ in answered] == replays
    statuses = Counter(answered)
    assert {s for s, _ in statuses} <= {200, 400, 401}, statuses  # 400: a body not UTF-8
    assert sum(n for (s, _), n in statuses.items() if s == 200) >= 9_900, statuses
    assert sum(replays) == 100
    failures = [(r.getMessage(), getattr(r, "fields", None)) for r in records.records
                if r.levelno >= logging.ERROR]
    assert failures == []
    assert metric_kinds(bot) <= KINDS
    # ... and not because nothing reached the interview: most requests were handled
    unhandled = len(records.events("request.unhandled"))
    malformed = len(records.events("request.malformed"))
    steps = sum(len(records.events(e)) for e in ("interview.ask", "interview.result",
                                                 "interview.stale_state"))
    assert unhandled + malformed < 4_000 and steps >= 4_000, (unhandled, malformed, steps)


def test_a_slash_command_mentioning_payload_is_read_as_a_command(bot: Bot) -> None:
    # bolt reads any form body containing "payload" as an interactive payload: the
    # command arrived empty and went unanswered (found by the fuzz)
    reply = bot.sim.command("what is a payload", response_url=bot.fake.response_url())

    assert reply.status == 200 and reply.json()["response_type"] == "ephemeral"
    assert reply.json()["blocks"]


def _start_buttons(blocks: list[dict[str, Any]]) -> set[str]:
    return {e.get("action_id", "").split(".")[0] for b in blocks if b.get("type") == "actions"
            for e in b.get("elements", [])}


@pytest.mark.e2e
def test_a_click_that_cannot_continue_gets_a_way_to_start_over_over_http(bot: Bot) -> None:
    kb, key = bot.runtime.holder.kb, bot.runtime.config.state_key
    rng = random.Random(5)
    bases = [r for r in base_requests(kb, key, "URL") if r.kind == "block_actions"
             and b'da_multi' not in r.body and b'da_link' not in r.body]
    sent = []
    for n in range(150):
        url = bot.fake.response_url(f"c{n}")
        request = mutate(rng.choice(bases), kb, key, rng)
        payload = _payload(request)
        if not isinstance(payload, dict) or not isinstance(payload.get("actions"), list) \
                or not payload["actions"] or not isinstance(payload["actions"][0], dict):
            continue
        payload["response_url"] = url
        action = payload["actions"][0]
        if str(action.get("action_id", "")).startswith(("da_multi", "da_link")) or \
                not str(action.get("action_id", "")).startswith("da_"):
            continue
        payload["container"] = {"type": "message", "channel_id": "C0WARD1",
                                "is_ephemeral": True}
        payload.pop("view", None)
        reply = bot.sim.post(form_payload(payload).body.decode(), FORM)
        assert reply.status == 200, reply.text
        sent.append(url)
    assert len(sent) >= 50
    bot.runtime.drain()  # every listener has replied
    missing = [url for url in sent if not bot.fake.of("/response/" + url.rsplit("/", 1)[1])]
    assert missing == []
    for url in sent:
        name = url.rsplit("/", 1)[1]
        posted = bot.fake.of(f"/response/{name}")[-1].body
        blocks = posted.get("blocks") or []
        assert posted.get("text"), posted
        assert _start_buttons(blocks) & {"da_restart", "da_topic"}, json.dumps(posted)[:500]


def _payload(request: Request) -> Any:
    from urllib.parse import parse_qs

    try:
        return json.loads(parse_qs(request.body.decode())["payload"][0])
    except (KeyError, ValueError, UnicodeDecodeError):
        return None

