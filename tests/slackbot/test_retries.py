"""429 and 5xx from Slack are retried, boundedly, for Web API calls and response_url posts
(bolt's respond() would not retry them); a long Retry-After is capped."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from decision_aid.slack import retry
from decision_aid.slack.signed_requests import USER

from .conftest import Bot, counted


def test_a_429_on_a_response_url_is_retried_after_retry_after(bot: Bot) -> None:
    url = bot.fake.response_url("busy")
    screen = bot.sim.command("", response_url=url).json()["blocks"]
    bot.fake.fail_next("/response/busy", 429, headers={"Retry-After": "0"})

    button = next(e for b in screen if b["type"] == "actions" for e in b["elements"])
    bot.sim.click(screen, button["text"]["text"], response_url=url)
    calls = bot.fake.wait_count("/response/busy", 2)
    assert len(calls) == 2 and calls[1].body["replace_original"] is True


def test_web_api_429_then_500_are_retried(bot: Bot) -> None:
    bot.fake.fail_next("/api/chat.postMessage", 429, headers={"Retry-After": "0"})
    bot.fake.fail_next("/api/chat.postMessage", 500)
    bot.sim.event({"type": "message", "channel_type": "im", "channel": "D0DM1", "user": USER,
                   "text": "help", "ts": "1700000001.000500"})

    calls = bot.fake.wait_count("/api/chat.postMessage", 3, timeout=10)
    assert [c.method for c in calls] == ["chat.postMessage"] * 3
    assert "inside threads" in json.dumps(calls[-1].body)


def test_retries_are_bounded_and_failures_counted(bot: Bot) -> None:
    url = bot.fake.response_url("down")
    screen = bot.sim.command("", response_url=url).json()["blocks"]
    bot.fake.fail_next("/response/down", 503, count=10)
    button = next(e for b in screen if b["type"] == "actions" for e in b["elements"])
    bot.sim.click(screen, button["text"]["text"], response_url=url)

    bot.fake.wait_count("/response/down", 3, timeout=10)
    deadline = time.monotonic() + 10
    while counted(bot, "decision_aid_slack_delivery_failures") < 1:
        assert time.monotonic() < deadline, "the failure was never counted"
        time.sleep(0.02)
    assert len(bot.fake.of("/response/down")) == 3


@pytest.mark.parametrize(("header", "slept"), [("120", 3.0), ("0", 0.0), ("soon", 1.0)])
def test_the_wait_for_retry_after_is_capped(monkeypatch: pytest.MonkeyPatch, header: str,
                                            slept: float) -> None:
    waits: list[float] = []
    monkeypatch.setattr(retry.time, "sleep", waits.append)
    monkeypatch.setattr(retry.random, "uniform", lambda a, b: 0.0)
    handler = retry.CappedRateLimitHandler(max_wait=3.0)
    state: Any = type("S", (), {"next_attempt_requested": False, "current_attempt": 0,
                                "increment_current_attempt": lambda self: None})()
    response: Any = type("R", (), {"status_code": 429, "headers": {"Retry-After": [header]}})()

    handler.prepare_for_next_attempt(state=state, request=None, response=response)
    assert waits == [slept] and state.next_attempt_requested
