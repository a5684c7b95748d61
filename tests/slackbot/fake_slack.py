"""The fake Slack Web API lives in the package (decision_aid/slack/fake_api.py), shared
with `cases run --face slack`; tests import it from here as before."""

from decision_aid.slack.fake_api import BLOCKS_TOO_LONG, GOOD_TOKEN, Call, FakeSlack, block_problem

__all__ = ["BLOCKS_TOO_LONG", "GOOD_TOKEN", "Call", "FakeSlack", "block_problem"]
