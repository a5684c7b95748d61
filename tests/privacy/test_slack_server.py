"""The real server (`decision-aid slack --http` on gunicorn, two workers) keeps no PHI: not
in its log lines, not on stdout, not in any file it writes (the Prometheus files of the
workers, the pack cache, temporary files), not in /metrics.

The child runs with LOG_LEVEL at DEBUG or INFO and, beyond what the settings allow, with the
root and every library logger (slack_bolt, slack_sdk, urllib3, gunicorn, the bot's own)
turned up to the same level, as someone chasing a problem might patch it. Its HOME,
XDG_CACHE_HOME, TMPDIR and working folder are inside the test's folder, so every file it
could write is searched.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from slackbot.test_server_process import bot_env, read_events

from decision_aid.slack.fake_api import FakeSlack
from decision_aid.slack.signed_requests import CHANNEL, TEAM, USER, SlackSim

from .phi_samples import EVERYTHING, TEXTS, assert_clean, assert_files_clean
from .test_slack_entrances import click

pytestmark = pytest.mark.e2e

TURNED_UP = """
import logging, runpy, sys
LEVEL = sys.argv.pop(1)
from decision_aid.slack import logs
_pin, _bolt = logs.pin_libraries, logs.bolt_logger
def turn_up():
    for name in (*logs.LIBRARY_LOGGERS, logs.BOLT_LOGGER, "gunicorn", "gunicorn.error",
                 "gunicorn.access", "decision_aid", ""):
        logging.getLogger(name).setLevel(LEVEL)
def pin_then_turn_up():
    _pin()
    turn_up()
def bolt_logger_turned_up():
    logger = _bolt()
    turn_up()
    return logger
logs.pin_libraries, logs.bolt_logger = pin_then_turn_up, bolt_logger_turned_up
sys.argv[0] = "decision-aid"
runpy.run_module("decision_aid", run_name="__main__")
"""


def _send(sim: SlackSim, fake: FakeSlack) -> None:
    for n, text in enumerate(TEXTS):
        assert "may identify a patient" in sim.command(
            text, response_url=fake.response_url(f"c{n}")).text
        sim.event({"type": "message", "channel_type": "im", "channel": "D0DM1", "user": USER,
                   "text": text, "ts": f"1700000001.{n:06}"})
        sim.event({"type": "app_mention", "channel": CHANNEL, "user": USER,
                   "text": f"<@U0BOT> {text}", "ts": f"1700000002.{n:06}"})
        sim.payload({"type": "message_action", "callback_id": "check_identifiers",
                     "team": {"id": TEAM}, "user": {"id": USER}, "channel": {"id": CHANNEL},
                     "message": {"type": "message", "text": text, "ts": f"1.{n}"},
                     "response_url": fake.response_url(f"k{n}"), "trigger_id": f"1.2.{n}"})
    sim.payload(click("da_answer", f"requester={EVERYTHING} notastate"))
    sim.payload({"type": "block_suggestion", "team": {"id": TEAM}, "user": {"id": USER},
                 "action_id": "da_answer", "value": EVERYTHING})  # bolt warns with the body
    sim.payload({"type": "shortcut", "callback_id": "unknown_shortcut", "team": {"id": TEAM},
                 "user": {"id": USER}, "trigger_id": "1.3", "message": {"text": EVERYTHING}})
    body = sim.command_body(EVERYTHING, response_url=fake.response_url("bad"))
    assert sim.post(body, "application/x-www-form-urlencoded",
                    signature="v0=" + "0" * 64).status == 401
    stale = str(int(time.time()) - 400)
    assert sim.post(body, "application/x-www-form-urlencoded", timestamp=stale,
                    signature=sim.verifier.generate_signature(timestamp=stale, body=body)
                    or "").status == 401
    assert sim.raw("GET", "/slack/events?text=" + EVERYTHING.replace(" ", "+")[:200]
                   ).status < 500


@pytest.mark.parametrize("level", ["DEBUG", "INFO"])
def test_the_server_process_keeps_no_phi(fake: FakeSlack, tmp_path: Path, level: str) -> None:
    home, cache, tmp, work = (tmp_path / n for n in ("home", "cache", "tmp", "work"))
    for folder in (home, cache, tmp, work):
        folder.mkdir()
    env = bot_env(fake, LOG_LEVEL=level, HOME=str(home), XDG_CACHE_HOME=str(cache),
                  TMPDIR=str(tmp), DECISION_AID_CACHE=str(cache / "packs"),
                  DECISION_AID_RATE_LIMIT="0")
    proc = subprocess.Popen([sys.executable, "-c", TURNED_UP, level, "slack", "--http",
                             "--host", "127.0.0.1", "--port", "0", "--workers", "2",
                             "--threads", "4"], env=env, cwd=work, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stderr is not None and proc.stdout is not None
        seen = read_events(proc.stderr, "server.listening")
        sim = SlackSim(f"http://127.0.0.1:{int(seen[-1]['port'])}")
        _send(sim, fake)
        fake.wait_count("/api/chat.postMessage", len(TEXTS))
        fake.wait_count("/api/chat.postEphemeral", len(TEXTS))
        metrics = sim.raw("GET", "/metrics").text
        assert "decision_aid_slack_acks_total" in metrics
        during = assert_files_clean([home, cache, tmp, work])
        assert any(p.suffix == ".db" for p in during), during  # the workers' metric files
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
        assert proc.returncode == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate(timeout=10)
    logged = "".join(json.dumps(r) + "\n" for r in seen) + err
    if level == "DEBUG":  # turned up: bolt's own debug lines were written (as hidden text)
        assert '"level": "debug", "logger": "decision_aid.slack.bolt"' in logged
    assert_clean(logged, "the server's log lines")
    assert_clean(out, "the server's stdout")
    assert_clean(metrics, "/metrics")
    assert_files_clean([home, cache, tmp, work])
    for call in fake.calls:
        assert_clean(call.path + json.dumps(call.body, default=str), f"a call to {call.path}")
