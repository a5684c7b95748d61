"""Fixtures shared with other suites: a child's environment from the hostile-input corpus
(tests/hostile), and the running bot from the Slack tests (tests/slackbot), when the
Slack extra is installed."""

from __future__ import annotations

import importlib.util

from hostile.conftest import child_env

__all__ = ["child_env"]

if importlib.util.find_spec("slack_bolt") is not None:
    from slackbot.conftest import bot, bots, fake

    __all__ += ["bot", "bots", "fake"]
