"""Socket Mode when the connection fails (issue 12): the real `decision-aid slack` against a
local Socket Mode websocket (tests/reliability/socket_faults.py) behind a relay on
127.0.0.1, and FakeSlack for `apps.connections.open` and the response_urls.

* the websocket dropped (the peer gone, no close frame; a FIN or an RST) -> the bot opens
  a new connection (a new `apps.connections.open`) and a later envelope is acked and
  answered, without spinning a core meanwhile;
* a half-open connection (nothing comes back, not even pongs) -> noticed within a bounded
  time, a new connection, the next envelope acked;
* SIGTERM while interactions are in flight -> every envelope already delivered is acked,
  a reply still being retried lands, then exit 0.
"""

from __future__ import annotations

import json
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("slack_bolt")
pytest.importorskip("websockets.sync.server")

from slackbot.test_server_process import COMMAND, bot_env, read_events

from decision_aid.slack.fake_api import FakeSlack
from decision_aid.slack.signed_requests import SlackSim, buttons

from . import processes
from .socket_faults import Relay, SocketModeServer, click_envelope, command_envelope

pytestmark = pytest.mark.e2e
PING_SECONDS = "1"  # SLACK_SOCKET_PING_SECONDS: how often the bot checks its connection


class SocketBot:
    def __init__(self, proc: subprocess.Popen[str], log: processes.Tail,
                 server: SocketModeServer, relay: Relay, fake: FakeSlack) -> None:
        self.proc, self.log, self.server, self.relay, self.fake = proc, log, server, relay, fake

    def command(self, envelope_id: str, name: str = "r") -> dict[str, Any]:
        """Send a slash command; the ack's payload (the topic picker)."""
        self.server.send(command_envelope(envelope_id, self.fake.response_url(name)))
        _, ack = self.server.ack(envelope_id)
        assert ack["payload"]["blocks"], ack
        payload: dict[str, Any] = ack["payload"]
        return payload

    def opened(self) -> int:
        return len(self.fake.of("/api/apps.connections.open"))


@pytest.fixture
def socket_bot(fake: FakeSlack, tmp_path: Path) -> Iterator[SocketBot]:
    server = SocketModeServer()
    relay = Relay(server.port)
    fake.ws_url = f"ws://127.0.0.1:{relay.port}/link"
    env = bot_env(fake, SLACK_APP_TOKEN="xapp-1-A0APP-0000-synthetic", LOG_LEVEL="INFO",
                  SLACK_SOCKET_PING_SECONDS=PING_SECONDS, DECISION_AID_RATE_LIMIT="0")
    env.pop("SLACK_SIGNING_SECRET")
    proc, log = processes.start(COMMAND, env, tmp_path)
    try:
        read_events(log, "socket_mode.connected")  # type: ignore[arg-type]
        server.wait_connections(1, timeout=15)
        yield SocketBot(proc, log, server, relay, fake)
    finally:
        processes.stop(proc, log)
        relay.close()
        server.close()


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / 100


@pytest.mark.parametrize("reset", [False, True], ids=["fin", "reset"])
def test_a_dropped_websocket_is_replaced_and_the_next_envelope_answered(
        socket_bot: SocketBot, reset: bool) -> None:
    socket_bot.command("before")
    cpu_before = cpu_seconds(socket_bot.proc.pid)

    socket_bot.relay.drop(reset=reset)
    took = socket_bot.server.wait_connections(2, timeout=20)

    assert socket_bot.opened() == 2  # a new URL from apps.connections.open
    picker = socket_bot.command("after")
    assert any(b["type"] == "actions" for b in picker["blocks"])
    # Waiting for the new connection cost next to no CPU (no loop spinning on a dead socket)
    spent = cpu_seconds(socket_bot.proc.pid) - cpu_before
    print(f"reconnected {took:.1f} s after the drop, {spent:.2f} CPU s meanwhile")
    assert spent < max(0.5, took * 0.3), f"{spent:.2f} CPU s in {took:.1f} s"


def test_a_half_open_connection_is_noticed_and_replaced(socket_bot: SocketBot) -> None:
    socket_bot.command("before")

    socket_bot.relay.freeze()  # nothing more comes back: no pongs, no envelopes
    took = socket_bot.server.wait_connections(2, timeout=30)

    assert socket_bot.opened() == 2
    socket_bot.command("after")
    print(f"half-open connection replaced after {took:.1f} s (ping every {PING_SECONDS} s)")


def test_sigterm_with_interactions_in_flight_loses_no_ack_or_reply(
        socket_bot: SocketBot) -> None:
    fake, server = socket_bot.fake, socket_bot.server
    picker = socket_bot.command("picker", name="held")["blocks"]
    topic = next(b for b in buttons(picker) if b["value"].startswith("friend-requests"))
    # The click's reply is refused once with a 429: its retry waits out the Retry-After
    # after the SIGTERM below.
    fake.fail_next("/response/held", 429, headers={"Retry-After": "2"})
    click = SlackSim("http://127.0.0.1").click_payload(
        topic, response_url=fake.response_url("held"), blocks=picker)
    server.send(click_envelope("click", click))
    server.ack("click")
    fake.wait_count("/response/held", 1)

    # A burst of commands, and SIGTERM right behind them: each must still be acked.
    burst = [f"burst-{i}" for i in range(20)]
    for envelope_id in burst:
        server.send(command_envelope(envelope_id, fake.response_url("burst")))
    socket_bot.proc.send_signal(signal.SIGTERM)
    stopped_at = time.monotonic()

    acked = {envelope_id: server.ack(envelope_id, timeout=15)[1] for envelope_id in burst}
    assert all(ack["payload"]["blocks"] for ack in acked.values())
    assert socket_bot.proc.wait(timeout=30) == 0
    held = fake.of("/response/held")
    assert len(held) == 2 and held[1].at > stopped_at  # the retry went out after SIGTERM
    assert "Question 1 of at most" in json.dumps(held[1].body)
    events = []
    while line := socket_bot.log.readline():
        events.append(json.loads(line).get("event"))
    assert "socket_mode.closed" in events
