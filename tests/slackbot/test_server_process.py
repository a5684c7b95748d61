"""The real command: `decision-aid slack --http` on gunicorn, and bad settings at start.

One server process with two workers: signed command, /healthz, /readyz, /metrics summed
over the workers, SIGHUP reload, SIGTERM graceful stop. Bad settings exit 2 with one line.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pytest

from decision_aid.slack.fake_api import GOOD_TOKEN, FakeSlack
from decision_aid.slack.signed_requests import SECRET, SlackSim

pytestmark = pytest.mark.e2e
COMMAND = [sys.executable, "-m", "decision_aid", "slack"]


def bot_env(fake: FakeSlack, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "REDIS_"))}
    env.update({"SLACK_BOT_TOKEN": GOOD_TOKEN, "SLACK_SIGNING_SECRET": SECRET,
                "SLACK_API_URL": fake.api_url, "LOG_LEVEL": "DEBUG",
                "DECISION_AID_WATCH_SECONDS": "0"})
    env.update(extra)
    return env


def read_events(stream: IO[str], until: str, timeout: float = 30.0) -> list[dict[str, Any]]:
    """JSON log lines up to and including the first whose event is `until`."""
    seen: list[dict[str, Any]] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = stream.readline()
        if not line:
            raise AssertionError(f"log ended before {until!r}: {seen[-5:]}")
        record = json.loads(line)
        seen.append(record)
        if record.get("event") == until:
            return seen
    raise AssertionError(f"no {until!r} within {timeout}s")


@pytest.fixture
def server(fake: FakeSlack, tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], int]]:
    (tmp_path / "overlay").mkdir()
    proc = subprocess.Popen([*COMMAND, "--http", "--host", "127.0.0.1", "--port", "0",
                             "--workers", "2", "--threads", "4", "--rules", "overlay"],
                            env=bot_env(fake, DECISION_AID_WATCH_SECONDS="1"), cwd=tmp_path,
                            stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stderr is not None
        events = read_events(proc.stderr, "server.listening")
        port = int(events[-1]["port"])
        yield proc, port
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=10)
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()


def test_http_server_serves_health_commands_metrics_and_stops_on_sigterm(
        server: tuple[subprocess.Popen[str], int], fake: FakeSlack, tmp_path: Path) -> None:
    proc, port = server
    sim = SlackSim(f"http://127.0.0.1:{port}")

    assert sim.raw("GET", "/healthz").status == 200
    ready = sim.raw("GET", "/readyz")
    assert ready.status == 200 and ready.json() == {"packs": True, "serving": True}
    for _ in range(4):  # several, so both workers are likely to serve some
        reply = sim.command("", response_url=fake.response_url())
        assert reply.status == 200 and reply.json()["response_type"] == "ephemeral"
    metrics = sim.raw("GET", "/metrics").text
    assert 'decision_aid_slack_acks_total{kind="command"} 4.0' in metrics
    assert "decision_aid_slack_ack_seconds_bucket" in metrics
    assert sim.raw("GET", "/nothing").status == 404

    assert proc.stderr is not None
    proc.send_signal(signal.SIGHUP)
    read_events(proc.stderr, "packs.reloaded")
    for _ in range(2):  # the old workers are replaced gracefully
        read_events(proc.stderr, "worker.stopped")
    assert sim.command("", response_url=fake.response_url()).status == 200

    # A broken pack file appears: the watcher reloads, the old packs keep serving.
    (tmp_path / "overlay" / "broken.yaml").write_text("topic: [unclosed\n")
    failed = read_events(proc.stderr, "packs.reload_failed")[-1]
    assert failed["errors"] >= 1 and "broken.yaml" in failed["first_at"]
    for _ in range(2):
        read_events(proc.stderr, "worker.stopped")
    assert sim.command("", response_url=fake.response_url()).status == 200

    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=30) == 0
    rest = [json.loads(line) for line in proc.stderr.read().splitlines() if line.strip()]
    assert any(r["event"] == "server.stopped" for r in rest)


def test_a_revoked_token_exits_2_with_one_line(fake: FakeSlack, tmp_path: Path) -> None:
    done = subprocess.run([*COMMAND, "--http", "--port", "0"],
                          env=bot_env(fake, SLACK_BOT_TOKEN="xoxb-test-0000000000-revoked"),
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)

    assert done.returncode == 2
    lines = [line for line in done.stderr.splitlines() if not line.startswith("{")]
    assert lines == ["decision-aid slack: SLACK_BOT_TOKEN was refused by Slack (invalid_auth): "
                     "copy the Bot User OAuth Token (xoxb-...) from OAuth & Permissions, and "
                     "reinstall the app if it was revoked"], done.stderr


@pytest.mark.parametrize(("change", "says"), [
    ({"SLACK_BOT_TOKEN": "not-a-token"}, "SLACK_BOT_TOKEN does not look like"),
    ({"SLACK_SIGNING_SECRET": ""}, "SLACK_SIGNING_SECRET is not set"),
    ({"SLACK_API_URL": "ftp://example"}, "SLACK_API_URL must be"),
    ({"REDIS_URL": "http://cache"}, "REDIS_URL must start with"),
    ({"DECISION_AID_RATE_LIMIT": "lots"}, "DECISION_AID_RATE_LIMIT must be a whole number"),
])
def test_bad_settings_exit_2_with_one_line(fake: FakeSlack, change: dict[str, str], says: str,
                                           monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    from decision_aid.cli import main

    for key, value in bot_env(fake, **change).items():
        monkeypatch.setenv(key, value)
    code = main(["slack", "--http", "--port", "0"])

    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and says in err and err.startswith("decision-aid slack: ")
