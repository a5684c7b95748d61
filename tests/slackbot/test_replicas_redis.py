"""Two replicas sharing a real redis-server: a retried event is handled once, wherever
each delivery lands, and the per-user rate limit counts across replicas."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from decision_aid.slack.shared import MemoryState, RedisState
from decision_aid.slack.signed_requests import USER

from .conftest import counted


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed (.ci/run installs it)")
    sock = tmp_path / "redis.sock"
    proc = subprocess.Popen([server, "--port", "0", "--unixsocket", str(sock),
                             "--unixsocketperm", "700", "--save", "", "--appendonly", "no"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"unix://{sock}"
    try:
        deadline = time.monotonic() + 10
        while not RedisState(url).ready():
            if time.monotonic() > deadline or proc.poll() is not None:
                pytest.fail("redis-server did not start")
            time.sleep(0.05)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def dm(text: str = "help") -> dict[str, Any]:
    return {"type": "message", "channel_type": "im", "channel": "D0DM1", "user": USER,
            "text": text, "ts": "1700000009.000100"}


def test_a_retried_event_is_handled_once_across_two_replicas(bots: Any, redis_url: str) -> None:
    first, second = bots(redis_url=redis_url), bots(redis_url=redis_url)

    assert first.sim.event(dm(), event_id="Ev0RETRY1").status == 200
    retry = second.sim.event(dm(), event_id="Ev0RETRY1",
                             headers={"X-Slack-Retry-Num": "1",
                                      "X-Slack-Retry-Reason": "http_timeout"})
    assert retry.status == 200
    first.sim.event(dm(), event_id="Ev0OTHER2")  # a different event still gets its reply

    posts = first.fake.wait_count("/api/chat.postMessage", 2)
    time.sleep(0.2)  # a late duplicate reply would land in this window
    assert len(first.fake.of("/api/chat.postMessage")) == len(posts) == 2
    assert counted(second, "decision_aid_slack_duplicate_deliveries") == 1
    ready = second.sim.raw("GET", "/readyz").json()
    assert ready == {"packs": True, "redis": True, "serving": True}


def test_the_rate_limit_counts_across_replicas(bots: Any, redis_url: str) -> None:
    first, second = bots(redis_url=redis_url, rate_limit=3), \
        bots(redis_url=redis_url, rate_limit=3)
    url = first.fake.response_url()
    replies = [bot.sim.command("", response_url=url).json()
               for bot in (first, second, first, second)]

    assert [("blocks" in r) for r in replies] == [True, True, True, False]
    assert "many requests" in replies[-1]["text"]


def test_readyz_says_when_redis_is_down(bots: Any, tmp_path: Path) -> None:
    bot = bots(redis_url=f"unix://{tmp_path}/nothing.sock")
    reply = bot.sim.raw("GET", "/readyz")

    # Reported, but still ready: each replica falls back to its own memory and keeps
    # serving; failing readiness would pull every replica from the load balancer at once
    assert reply.status == 200 and reply.json()["redis"] is False
    assert bot.sim.command("", response_url=bot.fake.response_url()).status == 200


def test_in_process_state_dedupes_and_limits() -> None:
    state = MemoryState()

    assert state.first_delivery("event:Ev1") and not state.first_delivery("event:Ev1")
    assert [state.allow("T:U", 2) for _ in range(3)] == [True, True, False]
