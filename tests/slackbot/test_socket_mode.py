"""Socket Mode end to end: `decision-aid slack` fetches a websocket URL from a fake
`apps.connections.open` (ws://127.0.0.1), acks a slash command envelope with the topic
picker, and closes the websocket cleanly on SIGTERM (exit 0)."""

from __future__ import annotations

import json
import queue
import signal
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from decision_aid.slack.fake_api import FakeSlack

from .test_server_process import COMMAND, bot_env, read_events

websockets_sync = pytest.importorskip("websockets.sync.server")
pytestmark = pytest.mark.e2e


class FakeSocketMode:
    """A websocket endpoint that says hello, sends one envelope and records replies."""

    def __init__(self, envelope: dict[str, Any]) -> None:
        self.envelope = envelope
        self.replies: queue.Queue[dict[str, Any]] = queue.Queue()
        self.closed = threading.Event()
        self.server = websockets_sync.serve(self._handle, "127.0.0.1", 0)
        self.port = self.server.socket.getsockname()[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def _handle(self, ws: Any) -> None:
        ws.send(json.dumps({"type": "hello", "num_connections": 1,
                            "connection_info": {"app_id": "A0APP"},
                            "debug_info": {"host": "local"}}))
        ws.send(json.dumps(self.envelope))
        try:
            for message in ws:
                if isinstance(message, str):
                    self.replies.put(json.loads(message))
        finally:
            self.closed.set()

    def close(self) -> None:
        self.server.shutdown()


@pytest.fixture
def socket_server(fake: FakeSlack) -> Iterator[FakeSocketMode]:
    envelope = {"envelope_id": "env-1", "type": "slash_commands",
                "accepts_response_payload": True,
                "payload": {"team_id": "T0TEST", "channel_id": "C0WARD1", "user_id": "U0STAFF1",
                            "command": "/guidance", "text": "", "api_app_id": "A0APP",
                            "response_url": fake.response_url(), "trigger_id": "1.2.3"}}
    server = FakeSocketMode(envelope)
    fake.ws_url = f"ws://127.0.0.1:{server.port}/link"
    yield server
    server.close()


def test_socket_mode_acks_over_the_websocket_and_closes_on_sigterm(
        fake: FakeSlack, socket_server: FakeSocketMode, tmp_path: Path) -> None:
    env = bot_env(fake, SLACK_APP_TOKEN="xapp-1-A0APP-0000-synthetic")
    env.pop("SLACK_SIGNING_SECRET")
    proc = subprocess.Popen(COMMAND, env=env, cwd=tmp_path, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stderr is not None
        read_events(proc.stderr, "socket_mode.connected")
        reply = socket_server.replies.get(timeout=15)
        assert reply["envelope_id"] == "env-1"
        assert reply["payload"]["response_type"] == "ephemeral"
        assert any(b["type"] == "actions" for b in reply["payload"]["blocks"])
        assert fake.of("/api/apps.connections.open")

        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=20) == 0
        assert socket_server.closed.wait(timeout=5)
        tail = [json.loads(x) for x in proc.stderr.read().splitlines() if x.startswith("{")]
        assert any(r["event"] == "socket_mode.closed" for r in tail)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=10)
        if proc.stderr is not None:
            proc.stderr.close()
