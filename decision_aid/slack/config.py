"""The bot's settings, read from the environment once and checked before anything starts.

A missing or malformed token, secret or URL is a `ConfigError` whose message is one line
naming the variable and how to fix it; `decision-aid slack` prints it and exits 2. Secrets
are never part of a message or a repr.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from decision_aid.core import jurisdiction_setting

DEFAULT_API_URL = "https://slack.com/api/"
_BOT_TOKEN = re.compile(r"^(xoxe\.)?xoxb-[A-Za-z0-9-]{8,}$")
_APP_TOKEN = re.compile(r"^xapp-[A-Za-z0-9-]{8,}$")
_SECRET = re.compile(r"^[A-Za-z0-9]{16,128}$")
_COMMAND = re.compile(r"^/[a-z0-9_-]{1,31}$")


ENV_VARS = ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "SLACK_API_URL",
            "SLACK_COMMAND", "REDIS_URL", "DECISION_AID_RATE_LIMIT", "SLACK_LISTENER_THREADS",
            "LOG_LEVEL", "DECISION_AID_WATCH_SECONDS", "DECISION_AID_JURISDICTION",
            "SLACK_SOCKET_PING_SECONDS")
"""What `from_env` reads (deploy/.env.example lists these and the few the CLI reads)."""


class ConfigError(ValueError):
    """A setting is missing or malformed; the message is one line for the operator."""


@dataclass(frozen=True, slots=True)
class SlackConfig:
    """Everything the bot reads from its environment (see deploy/.env.example)."""

    bot_token: str = field(repr=False)
    signing_secret: str | None = field(default=None, repr=False)
    app_token: str | None = field(default=None, repr=False)
    api_url: str = DEFAULT_API_URL
    command: str = "/guidance"
    redis_url: str | None = field(default=None, repr=False)
    rate_limit: int = 30
    """Requests per user per minute; 0 turns the limit off."""
    listener_threads: int = 32
    log_level: str = "INFO"
    watch_seconds: float = 5.0
    """How often to look for changed pack files; 0 turns watching off (SIGHUP still works)."""
    jurisdiction: str | None = None
    socket_ping_seconds: int = 5
    """Socket Mode: seconds between pings; a connection with no pong for four of them is
    replaced (a half-open one is noticed in about five)."""

    @property
    def state_key(self) -> bytes:
        """The key that signs interview state in buttons, derived from the Slack secret."""
        secret = self.signing_secret or self.app_token or self.bot_token
        return hmac.new(secret.encode(), b"decision-aid interview state v1",
                        hashlib.sha256).digest()


def from_env(env: Mapping[str, str], *, socket_mode: bool) -> SlackConfig:
    """Read and check the settings; raises ConfigError with a one-line message."""
    bot = _required(env, "SLACK_BOT_TOKEN", _BOT_TOKEN,
                    "the Bot User OAuth Token (xoxb-...) from OAuth & Permissions")
    if socket_mode:
        app_token = _required(env, "SLACK_APP_TOKEN", _APP_TOKEN,
                              "an app-level token (xapp-...) with connections:write, from "
                              "Basic Information > App-Level Tokens")
        secret = _optional(env, "SLACK_SIGNING_SECRET", _SECRET, "the Signing Secret")
    else:
        app_token = None
        secret = _required(env, "SLACK_SIGNING_SECRET", _SECRET,
                           "the Signing Secret from Basic Information > App Credentials")
    return SlackConfig(
        bot_token=bot, signing_secret=secret, app_token=app_token,
        api_url=_api_url(env.get("SLACK_API_URL", "").strip() or DEFAULT_API_URL),
        command=_command(env.get("SLACK_COMMAND", "").strip() or "/guidance"),
        redis_url=_redis_url(env.get("REDIS_URL", "").strip() or None),
        rate_limit=_number(env, "DECISION_AID_RATE_LIMIT", 30, 0, 10_000),
        listener_threads=_number(env, "SLACK_LISTENER_THREADS", 32, 1, 512),
        log_level=_log_level(env.get("LOG_LEVEL", "").strip() or "INFO"),
        watch_seconds=float(_number(env, "DECISION_AID_WATCH_SECONDS", 5, 0, 3600)),
        jurisdiction=jurisdiction_setting(None, env)[0],
        socket_ping_seconds=_number(env, "SLACK_SOCKET_PING_SECONDS", 5, 1, 60),
    )


def _required(env: Mapping[str, str], name: str, shape: re.Pattern[str], what: str) -> str:
    value = env.get(name, "").strip()
    if not value:
        raise ConfigError(f"{name} is not set: set it to {what}")
    if not shape.match(value):
        raise ConfigError(f"{name} does not look like {what}; check for a truncated or "
                          "wrong value")
    return value


def _optional(env: Mapping[str, str], name: str, shape: re.Pattern[str],
              what: str) -> str | None:
    return _required(env, name, shape, what) if env.get(name, "").strip() else None


def _api_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"SLACK_API_URL must be an http(s) URL such as {DEFAULT_API_URL} "
                          f"(got a value with scheme {parts.scheme or 'none'!r})")
    return url if url.endswith("/") else url + "/"


def _command(command: str) -> str:
    if not _COMMAND.match(command):
        raise ConfigError(f"SLACK_COMMAND must look like /guidance (a slash, then up to 31 "
                          f"lower-case letters, digits, - or _), got {command[:40]!r}")
    return command


def _redis_url(url: str | None) -> str | None:
    if url is None:
        return None
    scheme = urlsplit(url).scheme
    if scheme not in ("redis", "rediss", "unix"):
        raise ConfigError("REDIS_URL must start with redis://, rediss:// or unix:// "
                          f"(got scheme {scheme or 'none'!r})")
    return url


def _number(env: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number from {low} to {high}, "
                          f"got {raw[:20]!r}") from None
    if not low <= value <= high:
        raise ConfigError(f"{name} must be from {low} to {high}, got {value}")
    return value


def _log_level(level: str) -> str:
    upper = level.upper()
    if upper not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        raise ConfigError(f"LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, got {level[:20]!r}")
    return upper
