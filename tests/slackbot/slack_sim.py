"""Kept only while tests/privacy imports it: signed requests to the bot are
decision_aid/slack/signed_requests.py; import them from there (every other test does)."""

from decision_aid.slack.signed_requests import CHANNEL, TEAM, USER, Reply, SlackSim, find_button

__all__ = ["CHANNEL", "TEAM", "USER", "Reply", "SlackSim", "find_button"]
