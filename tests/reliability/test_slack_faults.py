"""The bot when things around it fail (issue 12): a replayed request, Redis stopped in the
middle of a run, and (below) Slack's Web API and response_url answering 429, 500, slowly
or not at all. Everything on 127.0.0.1 against the local fake of Slack (FakeSlack) and a
real redis-server on a unix socket."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("slack_bolt")

from slackbot.conftest import Bot, counted

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
