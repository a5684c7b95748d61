"""Replies through a click's response_url: only to Slack's hosts, bounded, never raising.

A response_url arrives inside the signed body, and the bot POSTs a reply to it. Only
Slack's own hosts are posted to (hooks.slack.com, hooks.slack-gov.com, or SLACK_API_URL's
host for GovSlack and the local fake in tests), over https unless it is that configured
host: whoever holds the signing secret must not be able to point the bot at an internal
address. Every failure (a refused URL, a connection error, a 4xx/5xx after the bounded
retries of retry.py; response_url.py posts over kept-alive connections) is counted and
logged by its kind, never raised into the listener, so the next click still works. When
a click's reply cannot be delivered in place (a Retry-After past the budget, 5xx or
dropped connections on every attempt), it is sent once as a new ephemeral message to the
same person in the same channel through the Web API, which has its own rate limits: the
person still sees the answer.

Replies run on a pool of their own, not in the listener that acked: a slash command is
acked from its listener, so listener threads all waiting on slow replies made a command
wait in the queue past Slack's 3 s (issue 12). app.py hands the work after an ack to that
pool (`after_ack`; views.open, whose trigger_id expires 3 s after the click, to the
listener pool), so its Delivery posts in the thread it is called in; `pool` is for a
caller with no such hand-off (the WSGI gate's `start_over`).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackRequestError

from decision_aid.slack.logs import log_event
from decision_aid.slack.metrics import Metrics
from decision_aid.slack.response_url import post_to_response_url

SLACK_HOOK_HOSTS = frozenset({"hooks.slack.com", "hooks.slack-gov.com"})


@dataclass(frozen=True, slots=True)
class Fallback:
    """Where a reply goes when its response_url fails: an ephemeral to this person."""

    channel: str
    user: str
    thread_ts: str | None = None


class Delivery:
    """Posts to response_urls for one app; `api_url` names the one other host allowed."""

    def __init__(self, metrics: Metrics, *, api_url: str, client: WebClient | None = None,
                 pool: ThreadPoolExecutor | None = None) -> None:
        self.metrics = metrics
        self.client = client
        self.pool = pool
        api = urlsplit(api_url)
        self._api_host = (api.scheme, api.hostname, api.port)

    def allowed(self, url: object) -> bool:
        if not isinstance(url, str) or not url or len(url) > 2000:
            return False
        try:
            parts = urlsplit(url)
            where = (parts.scheme, parts.hostname, parts.port)
        except ValueError:  # e.g. a port that is not a number
            return False
        if where == self._api_host:
            return True
        return parts.scheme == "https" and parts.hostname in SLACK_HOOK_HOSTS and \
            parts.port in (None, 443) and not parts.username and not parts.password

    def respond(self, url: object, message: dict[str, Any], *,
                fallback: Fallback | None = None) -> None:
        """POST `message` to `url`, else (with `fallback`) as a new ephemeral: on the
        reply pool when there is one."""
        if self.pool is not None:
            self.pool.submit(self.respond_now, url, message, fallback=fallback)
        else:
            self.respond_now(url, message, fallback=fallback)

    def respond_now(self, url: object, message: dict[str, Any], *,
                    fallback: Fallback | None = None) -> bool:
        """`respond` in this thread; True when Slack took the reply either way."""
        if not self.allowed(url):
            if url:
                self._failed("refused_url")
            return False
        assert isinstance(url, str)
        try:
            status = post_to_response_url(url, message)
        except (OSError, ValueError, SlackRequestError) as error:  # URLError is an OSError
            self._failed("error", error=type(error).__name__)
        else:
            if status < 300:
                return True
            self._failed("status", status=status)
        return fallback is not None and self._ephemeral(fallback, message)

    def api(self, method: str, call: Callable[..., Any], **arguments: Any) -> Any:
        """A Web API call (retried within bounds by the client) in this thread; when Slack
        still refuses it, counted and logged by method, never raised into the caller."""
        try:
            return call(**arguments)
        except (SlackApiError, SlackRequestError, OSError) as error:
            code = error.response.get("error") if isinstance(error, SlackApiError) else None
            self.metrics.delivery_failures.labels(method).inc()
            log_event("delivery.failed", target=method, error=type(error).__name__,
                      slack_error=str(code) if code else None)
            return None

    def _ephemeral(self, to: Fallback, message: dict[str, Any]) -> bool:
        if self.client is None:
            return False
        try:
            self.client.chat_postEphemeral(channel=to.channel, user=to.user,
                                           thread_ts=to.thread_ts, text=message.get("text"),
                                           blocks=message.get("blocks"))
        except (SlackApiError, SlackRequestError, OSError) as error:
            log_event("delivery.lost", target="chat.postEphemeral", error=type(error).__name__)
            return False
        log_event("delivery.fallback", target="chat.postEphemeral")
        return True

    def _failed(self, reason: str, **fields: Any) -> None:
        self.metrics.delivery_failures.labels("response_url").inc()
        log_event("delivery.failed", target="response_url", reason=reason, **fields)
