"""Kept only while tests/privacy imports it: the fake Slack Web API is
decision_aid/slack/fake_api.py; import it from there (every other test does)."""

from decision_aid.slack.fake_api import FakeSlack

__all__ = ["FakeSlack"]
