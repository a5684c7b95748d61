"""Fixtures of the privacy suite: the Slack test bot (tests/slackbot) and a capture of every
log record at a chosen level, with every library logger turned up to it."""

from __future__ import annotations

import io
import json
import logging
import traceback
from collections.abc import Iterator

import pytest
from slackbot.conftest import bot, bots, fake  # noqa: F401  (fixtures used here too)

LOGGER_PREFIXES = ("slack_bolt", "slack_sdk", "slack", "urllib3", "gunicorn", "decision_aid",
                   "websocket", "websockets", "prometheus_client")


class Everything(logging.Handler):
    """Every record that reaches the root logger, dumped whole as it arrives: message,
    arguments, extra fields and the exception with its message."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.dumps: list[tuple[str, str]] = []
        self.levels: set[int] = set()

    def emit(self, record: logging.LogRecord) -> None:
        parts = [record.getMessage(), json.dumps(record.__dict__, default=str)]
        if record.exc_info and record.exc_info[1] is not None:
            parts.append("".join(traceback.format_exception(record.exc_info[1])))
        self.dumps.append((record.name, "\n".join(parts)))
        self.levels.add(record.levelno)


class Logs:
    """What was logged: the raw records and the bot's own JSON lines as written."""

    def __init__(self, level: int) -> None:
        self.level = level
        self.records = Everything()
        self.stream = io.StringIO()

    def written(self) -> str:
        root = logging.getLogger()
        for handler in root.handlers:
            handler.flush()
        return self.stream.getvalue()


def turn_everything_up(level: int) -> dict[str, int]:
    """Root and every library logger (those made so far, and the named roots) at `level`;
    returns the old levels."""
    names = {n for n in logging.root.manager.loggerDict if n.startswith(LOGGER_PREFIXES)}
    names.update(LOGGER_PREFIXES)
    old = {name: logging.getLogger(name).level for name in names}
    old[""] = logging.getLogger().level
    for name in names:
        logging.getLogger(name).setLevel(level)
    logging.getLogger().setLevel(level)
    return old


@pytest.fixture(params=[logging.DEBUG, logging.INFO], ids=["DEBUG", "INFO"])
def logs(request: pytest.FixtureRequest, bot: object) -> Iterator[Logs]:  # noqa: F811
    """The production log setup (logs.configure, JSON lines to a buffer), then every logger
    turned up to DEBUG or INFO, as an operator chasing a problem might; after the bot is
    built, so the loggers bolt made for it are turned up too."""
    from decision_aid.slack.log_lines import JsonLines
    from decision_aid.slack.logs import configure

    captured = Logs(request.param)
    root = logging.getLogger()
    before = list(root.handlers)
    configure(logging.getLevelName(request.param), captured.stream)
    root.addHandler(captured.records)
    old = turn_everything_up(request.param)
    try:
        yield captured
    finally:
        for name, level in old.items():
            logging.getLogger(name).setLevel(level)
        for handler in list(root.handlers):
            if handler not in before:
                root.removeHandler(handler)
                if isinstance(handler, JsonLines):
                    handler.close()
        for handler in before:
            if handler not in root.handlers:
                root.addHandler(handler)
