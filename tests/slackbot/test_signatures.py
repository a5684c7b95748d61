"""Forged, missing, stale, future-dated and non-integer signatures get 401 and no listener
runs; an unsigned ssl_check is refused too; bolt never logs the refused body."""

from __future__ import annotations

import logging
import time

import pytest

from decision_aid.slack.signed_requests import SECRET, SlackSim

from .conftest import Bot, counted

SYNTHETIC = "zz-synthetic-marker-4711"


def _attempts(bot: Bot) -> dict[str, dict[str, str]]:
    now = int(time.time())
    return {
        "forged": {"signature": "v0=" + "0" * 64},
        "wrong-secret": {"signature": SlackSim(bot.url, secret="f" * 32).verifier
                         .generate_signature(timestamp=str(now), body="x") or ""},
        "missing-signature": {"signature": ""},
        "missing-timestamp": {"timestamp": ""},
        "stale": {"timestamp": str(now - 301)},
        "future": {"timestamp": str(now + 301)},
        "non-integer": {"timestamp": "1700000000.5"},
        "not-a-number": {"timestamp": "soon"},
    }


@pytest.mark.parametrize("case", [
    "forged", "wrong-secret", "missing-signature", "missing-timestamp", "stale", "future",
    "non-integer", "not-a-number"])
def test_bad_signatures_are_refused_before_any_listener(bot: Bot, case: str,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    body = bot.sim.command_body(f"friend request {SYNTHETIC}",
                                response_url=bot.fake.response_url())
    kwargs = _attempts(bot)[case]
    if case in ("stale", "future", "non-integer", "not-a-number") and "signature" not in kwargs:
        stamp = kwargs["timestamp"]
        kwargs = {**kwargs, "signature": bot.sim.verifier.generate_signature(
            timestamp=stamp, body=body) or ""}
    reply = bot.sim.post(body, "application/x-www-form-urlencoded", **kwargs)

    assert reply.status == 401
    assert "blocks" not in reply.text
    assert counted(bot, "decision_aid_slack_requests") == 0  # no middleware, no listener ran
    assert bot.fake.of("/response") == [] and bot.fake.of("/api/chat") == []
    assert all(SYNTHETIC not in r.getMessage() for r in caplog.records)


def test_unsigned_ssl_check_does_not_reach_bolt(bot: Bot) -> None:
    reply = bot.sim.post("ssl_check=1&token=legacy", "application/x-www-form-urlencoded",
                         signature="", timestamp="")

    assert reply.status == 401
    assert counted(bot, "decision_aid_slack_requests") == 0


def test_signed_ssl_check_is_answered_without_a_listener(bot: Bot) -> None:
    reply = bot.sim.post("ssl_check=1&token=legacy", "application/x-www-form-urlencoded")

    assert reply.status == 200 and reply.text == ""
    assert bot.fake.of("/response") == []


def test_a_good_signature_passes(bot: Bot) -> None:
    reply = bot.sim.command("", response_url=bot.fake.response_url())

    assert reply.status == 200 and reply.json()["blocks"]


def test_bolt_verification_under_our_logger_logs_no_body(caplog: pytest.LogCaptureFixture
                                                         ) -> None:
    """Bolt's own check logs a refused body at INFO (the trap); under the base logger the
    app gives bolt, that record is never made, even with the root logger at DEBUG."""
    from slack_bolt.middleware.request_verification import RequestVerification
    from slack_bolt.request import BoltRequest
    from slack_bolt.response import BoltResponse

    from decision_aid.slack.logs import bolt_logger

    caplog.set_level(logging.DEBUG)
    check = RequestVerification(SECRET, base_logger=bolt_logger())
    request = BoltRequest(body=f"text={SYNTHETIC}", headers={
        "x-slack-request-timestamp": str(int(time.time())), "x-slack-signature": "v0=00"})
    response = check.process(req=request, resp=BoltResponse(status=200),
                             next=lambda: BoltResponse(status=200))

    assert response.status == 401
    assert logging.getLogger("slack_bolt.RequestVerification").getEffectiveLevel() == \
        logging.WARNING
    assert all(SYNTHETIC not in r.getMessage() for r in caplog.records)
