"""Structured JSON logs with ids, verdicts and timings only: never text someone typed.

Our own records are events with a fixed name and fields (`log_event("step", topic=...)`).
The Slack libraries are the risk: bolt logs the whole request body at INFO when a
signature fails and quotes payloads at DEBUG and in some warnings, and slack_sdk logs
request bodies at DEBUG. So their loggers are pinned at WARNING whatever LOG_LEVEL says,
and a filter on bolt's base logger (which bolt copies to every logger it makes) replaces
each library message with a fixed one, keeping only its level, logger and exception type.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import traceback
from typing import Any, TextIO

LOGGER = "decision_aid.slack"
BOLT_LOGGER = "decision_aid.slack.bolt"
LIBRARY_LOGGERS = ("slack_bolt", "slack_sdk", "slack", "urllib3", "websocket", "websockets")
TRUSTED_PREFIXES = ("decision_aid", "gunicorn.error")
_SCALARS = (str, int, float, bool, type(None))

log = logging.getLogger(LOGGER)


def log_event(event: str, *, level: int = logging.INFO, **fields: Any) -> None:
    """Log one event by name; fields must be ids, counts, verdicts or timings."""
    if log.isEnabledFor(level):
        log.log(level, event, extra={"fields": fields})


def trusted(name: str) -> bool:
    """Our own loggers (and gunicorn's error log); bolt's loggers, even under our name, not."""
    return name.startswith(TRUSTED_PREFIXES) and not name.startswith(BOLT_LOGGER)


class HideLibraryText(logging.Filter):
    """Replace a library's message (which may quote a request) with a fixed one."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not trusted(record.name):
            error = record.exc_info[1] if record.exc_info else None
            record.msg = "library message hidden (it may quote a request)"
            record.args = None
            if error is not None:
                record.msg += f" [{type(error).__name__}]"
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line; library text never passes, only our named events."""

    def format(self, record: logging.LogRecord) -> str:
        ours = trusted(record.name)
        data: dict[str, Any] = {
            "ts": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage() if ours else "library message hidden",
        }
        fields = getattr(record, "fields", None)
        if ours and isinstance(fields, dict):
            for key, value in fields.items():
                data[str(key)] = value if isinstance(value, _SCALARS) else str(value)
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            data["error"] = type(error).__name__
            # Where it happened, never the message: an exception can quote its input.
            data["where"] = [f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno}:{f.name}"
                             for f in traceback.extract_tb(error.__traceback__)[-4:]]
        return json.dumps(data, ensure_ascii=False)


def bolt_logger() -> logging.Logger:
    """The base logger handed to bolt: WARNING at most, with the hiding filter."""
    logger = logging.getLogger(BOLT_LOGGER)
    logger.setLevel(logging.WARNING)
    if not any(isinstance(f, HideLibraryText) for f in logger.filters):
        logger.addFilter(HideLibraryText())
    return logger


def pin_libraries() -> None:
    """Keep the Slack and HTTP libraries at WARNING whatever the root level is."""
    for name in LIBRARY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    bolt_logger()


def configure(level: str = "INFO", stream: TextIO | None = None) -> None:
    """JSON lines on stderr for our events at `level` (written off the request threads,
    log_lines.py); libraries pinned at WARNING."""
    from decision_aid.slack.log_lines import JsonLines

    handler = JsonLines(stream)
    handler.addFilter(HideLibraryText())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
        if isinstance(old, JsonLines):
            old.close()
    root.addHandler(handler)
    root.setLevel(logging.WARNING)
    logging.getLogger("decision_aid").setLevel(level)
    pin_libraries()
