"""Signed requests to the bot live in the package (decision_aid/slack/signed_requests.py),
shared with `cases run --face slack`; tests import them from here as before."""

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
