"""Kept only while tests/privacy (and work not landed yet) imports it: the fake Slack Web
API is decision_aid/slack/fake_api.py; import it from there (every other test does)."""

from decision_aid.slack.fake_api import BLOCKS_TOO_LONG, GOOD_TOKEN, Call, FakeSlack, block_problem

__all__ = ["BLOCKS_TOO_LONG", "GOOD_TOKEN", "Call", "FakeSlack", "block_problem"]
