"""The bot when things around it fail (issue 12): a replayed request, Redis stopped in the
middle of a run, and (below) Slack's Web API and response_url answering 429, 500, slowly
or not at all. Everything on 127.0.0.1 against the local fake of Slack (FakeSlack) and a
real redis-server on a unix socket."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("slack_bolt")

from slackbot.conftest import Bot, counted

from decision_aid.slack.fake_api import DROP
from decision_aid.slack.shared import RedisState

USER = "U0STAFF1"


def dm(ts: str) -> dict[str, Any]:
    return {"type": "message", "channel_type": "im", "channel": "D0DM1", "user": USER,
            "text": "help", "ts": ts}


class RedisServer:
    """A redis-server on a unix socket in `folder`; `stop()` ends it mid-test."""

    def __init__(self, folder: Path) -> None:
        server = shutil.which("redis-server")
        if server is None:
            pytest.skip("redis-server is not installed (.ci/run installs it)")
        self.socket = folder / "redis.sock"
        self.url = f"unix://{self.socket}"
        self.proc = subprocess.Popen([server, "--port", "0", "--unixsocket", str(self.socket),
                                      "--unixsocketperm", "700", "--save", "",
                                      "--appendonly", "no"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while not RedisState(self.url).ready():
            if time.monotonic() > deadline or self.proc.poll() is not None:
                self.stop()
                pytest.fail("redis-server did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)


@pytest.fixture
def redis(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path)
    yield server
    server.stop()


# -- replays ------------------------------------------------------------------------------------
def test_a_replayed_request_is_refused_and_runs_no_listener(bot: Bot) -> None:
    body = bot.sim.command_body("", response_url=bot.fake.response_url())
    stamp = str(int(time.time()))
    signature = bot.sim.verifier.generate_signature(timestamp=stamp, body=body) or ""

    first = bot.sim.post(body, "application/x-www-form-urlencoded", timestamp=stamp,
                         signature=signature)
    again = bot.sim.post(body, "application/x-www-form-urlencoded", timestamp=stamp,
                         signature=signature)

    assert first.status == 200 and again.status == 401
    assert counted(bot, "decision_aid_slack_requests") == 1  # the replay reached nothing


def test_a_request_replayed_to_another_replica_is_refused(bots: Any, redis: RedisServer
                                                          ) -> None:
    first, second = bots(redis_url=redis.url), bots(redis_url=redis.url)
    body = first.sim.command_body("", response_url=first.fake.response_url())
    stamp = str(int(time.time()))
    signature = first.sim.verifier.generate_signature(timestamp=stamp, body=body) or ""

    assert first.sim.post(body, "application/x-www-form-urlencoded", timestamp=stamp,
                          signature=signature).status == 200
    assert second.sim.post(body, "application/x-www-form-urlencoded", timestamp=stamp,
                           signature=signature).status == 401
    assert counted(second, "decision_aid_slack_requests") == 0


# -- Redis stopped mid-run ----------------------------------------------------------------------
def test_redis_stopped_mid_run_keeps_serving_with_in_process_dedupe(bots: Any,
                                                                   redis: RedisServer) -> None:
    bot = bots(redis_url=redis.url, rate_limit=100)
    assert bot.sim.event(dm("1700000001.1"), event_id="Ev0BEFORE").status == 200
    bot.fake.wait_count("/api/chat.postMessage", 1)

    redis.stop()

    assert bot.sim.command("", response_url=bot.fake.response_url()).json()["blocks"]
    retry = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    assert bot.sim.event(dm("1700000002.1"), event_id="Ev0DURING").status == 200
    assert bot.sim.event(dm("1700000002.1"), event_id="Ev0DURING", headers=retry).status == 200
    bot.fake.wait_count("/api/chat.postMessage", 2)
    time.sleep(0.3)  # a duplicate reply would land in this window
    assert len(bot.fake.of("/api/chat.postMessage")) == 2  # the retry was still dropped
    ready = bot.sim.raw("GET", "/readyz")
    assert ready.status == 200, ready.text  # still serving: not pulled from the load balancer
    assert ready.json() == {"packs": True, "redis": False, "serving": True}


def test_a_redis_that_stops_answering_is_not_asked_on_every_request() -> None:
    calls: list[str] = []

    class Down:
        def set(self, *args: Any, **kwargs: Any) -> bool:
            calls.append("set")
            raise OSError("connection refused")

        def ping(self) -> bool:
            calls.append("ping")
            raise OSError("connection refused")

    state = RedisState("redis://127.0.0.1:1/0")
    state._redis = Down()  # type: ignore[assignment]

    assert [state.first_delivery(f"k{i % 2}") for i in range(4)] == [True, True, False, False]
    assert calls == ["set"]  # one failed call, then the in-process store for a while


# -- faults on response_url and the Web API -----------------------------------------------------
def first_click(bot: Bot, name: str) -> None:
    """Pick a topic from the slash command's picker; the reply goes to response/<name>."""
    blocks = bot.sim.command("", response_url=bot.fake.response_url(name)).json()["blocks"]
    bot.sim.click(blocks, "Friend and follow", response_url=bot.fake.response_url(name))


def delivered_question(bot: Bot, name: str) -> dict[str, Any]:
    """The first question as the person finally sees it: through the response_url, or
    (when that failed) as a new ephemeral message from the Web API."""
    bot.runtime.drain()  # every listener has finished replying
    replies = [c.body for c in bot.fake.of(f"/response/{name}") if c.body.get("blocks")]
    ephemeral = [c.body for c in bot.fake.of("/api/chat.postEphemeral")]
    shown = (replies + ephemeral)[-1]
    assert "Question 1 of at most" in json.dumps(shown), shown
    return shown


@pytest.mark.parametrize(("fault", "attempts"), [
    pytest.param(lambda fake, url: fake.fail_next(url, 429, headers={"Retry-After": "1"}), 2,
                 id="429-retry-after-1s"),
    pytest.param(lambda fake, url: fake.fail_next(url, 500, count=2), 3, id="500-twice"),
    pytest.param(lambda fake, url: fake.fail_next(url, DROP), 2, id="dropped-connection"),
    pytest.param(lambda fake, url: fake.slow_next(url, 5.0), 2, id="slower-than-timeout"),
])
def test_a_reply_that_fails_once_is_retried_and_arrives(bot: Bot, fault: Any,
                                                        attempts: int) -> None:
    fault(bot.fake, "/response/f")
    first_click(bot, "f")

    shown = delivered_question(bot, "f")

    assert len(bot.fake.of("/response/f")) == attempts
    assert shown.get("replace_original") is True  # in place, as a normal reply
    assert bot.fake.of("/api/chat.postEphemeral") == []


@pytest.mark.parametrize("fault", [
    pytest.param(lambda fake, url: fake.fail_next(url, 429, headers={"Retry-After": "120"}),
                 id="429-retry-after-past-the-budget"),
    pytest.param(lambda fake, url: fake.fail_next(url, 503, count=10), id="503-every-time"),
    pytest.param(lambda fake, url: fake.fail_next(url, DROP, count=10), id="always-dropped"),
])
def test_a_reply_that_keeps_failing_arrives_as_a_new_private_message(bot: Bot, fault: Any
                                                                     ) -> None:
    fault(bot.fake, "/response/g")
    first_click(bot, "g")

    shown = delivered_question(bot, "g")

    assert len(bot.fake.of("/response/g")) <= 3  # bounded
    [ephemeral] = bot.fake.of("/api/chat.postEphemeral")
    assert ephemeral.body["user"] == USER and ephemeral.body["channel"] == "C0WARD1"
    assert shown is ephemeral.body
    assert counted(bot, "decision_aid_slack_delivery_failures") == 1


def test_a_long_retry_after_is_not_slept_in_the_listener_thread(monkeypatch: pytest.MonkeyPatch
                                                               ) -> None:
    from decision_aid.slack import retry

    waits: list[float] = []
    monkeypatch.setattr(retry.time, "sleep", waits.append)
    handler = retry.CappedRateLimitHandler(max_wait=3.0)
    response: Any = type("R", (), {"status_code": 429, "headers": {"Retry-After": ["120"]}})()
    state: Any = type("S", (), {"current_attempt": 0})()

    assert not handler.can_retry(state=state, request=None, response=response)
    assert waits == []


@pytest.mark.parametrize("fault", [
    pytest.param(lambda fake: fake.fail_next("/api/chat.postMessage", 429,
                                             headers={"Retry-After": "120"}), id="429-long"),
    pytest.param(lambda fake: fake.fail_next("/api/chat.postMessage", 500, count=10),
                 id="500-every-time"),
    pytest.param(lambda fake: fake.fail_next("/api/chat.postMessage", DROP, count=10),
                 id="always-dropped"),
])
def test_a_web_api_call_that_keeps_failing_is_bounded_counted_and_not_an_error(
        bot: Bot, fault: Any, caplog: pytest.LogCaptureFixture) -> None:
    import logging

    caplog.set_level(logging.INFO)
    fault(bot.fake)
    bot.sim.event(dm("1700000005.1"), event_id="Ev0WEBAPI")
    bot.runtime.drain()

    assert 1 <= len(bot.fake.of("/api/chat.postMessage")) <= 3
    assert counted(bot, "decision_aid_slack_delivery_failures") == 1
    # no listener error of ours (slack_sdk logs its own connection errors, text hidden)
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR
            and r.name.startswith("decision_aid") and "bolt" not in r.name] == []
    assert any(r.getMessage() == "delivery.failed" for r in caplog.records)


# -- a busy listener pool -----------------------------------------------------------------------
def test_slow_replies_leave_the_listener_pool_free_for_acks(bots: Any) -> None:
    # Slack allows 3 s for an ack, and a slash command is acked from its listener: with
    # every listener thread busy posting slow replies (each under the timeout), the
    # command waited in the pool's queue past 3 s and was answered with nothing
    from concurrent.futures import ThreadPoolExecutor

    bot = bots(listener_threads=4)
    picker = bot.sim.command("", response_url=bot.fake.response_url("p")).json()["blocks"]
    bot.fake.slow_next("/response/slow", 2.5, count=12)

    def click(_: int) -> int:
        return bot.sim.click(picker, "Friend and follow",
                             response_url=bot.fake.response_url("slow")).status

    with ThreadPoolExecutor(12) as clickers:
        clicks = clickers.map(click, range(12))  # three times the listener threads
        bot.fake.wait_count("/response/slow", 4)
        ack = bot.sim.command("", response_url=bot.fake.response_url("late"))
        assert list(clicks) == [200] * 12

    assert ack.status == 200 and ack.json().get("blocks"), ack.text  # the picker, in the ack
    bot.runtime.drain()
    assert len(bot.fake.of("/response/slow")) == 12  # and every reply went out in the end
