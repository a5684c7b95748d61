"""Kept only while tests/privacy (and work not landed yet) imports it: signed requests to
the bot are decision_aid/slack/signed_requests.py; import them from there (every other test
does)."""

from decision_aid.slack.signed_requests import (
    CHANNEL,
    SECRET,
    TEAM,
    USER,
    Reply,
    SlackSim,
    buttons,
    find_button,
    ticked,
)

__all__ = ["CHANNEL", "SECRET", "TEAM", "USER", "Reply", "SlackSim", "buttons", "find_button",
           "ticked"]
