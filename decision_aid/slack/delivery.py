"""Replies through a click's response_url: only to Slack's hosts, bounded, never raising.

A response_url arrives inside the signed body, and the bot POSTs a reply to it. Only
Slack's own hosts are posted to (hooks.slack.com, hooks.slack-gov.com, or SLACK_API_URL's
host for GovSlack and the local fake in tests), over https unless it is that configured
host: whoever holds the signing secret must not be able to point the bot at an internal
address. Every failure (a refused URL, a connection error, a 4xx/5xx after the bounded
retries of retry.py; response_url.py posts over kept-alive connections) is counted and
logged by its kind, never raised into the listener, so the next click still works.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from slack_sdk.errors import SlackRequestError

from decision_aid.slack.logs import log_event
from decision_aid.slack.metrics import Metrics
from decision_aid.slack.response_url import post_to_response_url

SLACK_HOOK_HOSTS = frozenset({"hooks.slack.com", "hooks.slack-gov.com"})


class Delivery:
    """Posts to response_urls for one app; `api_url` names the one other host allowed."""

    def __init__(self, metrics: Metrics, *, api_url: str) -> None:
        self.metrics = metrics
        api = urlsplit(api_url)
        self._api = (api.scheme, api.hostname, api.port)

    def allowed(self, url: object) -> bool:
        if not isinstance(url, str) or not url or len(url) > 2000:
            return False
        try:
            parts = urlsplit(url)
            where = (parts.scheme, parts.hostname, parts.port)
        except ValueError:  # e.g. a port that is not a number
            return False
        if where == self._api:
            return True
        return parts.scheme == "https" and parts.hostname in SLACK_HOOK_HOSTS and \
            parts.port in (None, 443) and not parts.username and not parts.password

    def respond(self, url: object, message: dict[str, Any]) -> bool:
        """POST `message` to `url`; True when Slack took it."""
        if not self.allowed(url):
            if url:
                self._failed("refused_url")
            return False
        assert isinstance(url, str)
        try:
            status = post_to_response_url(url, message)
        except (OSError, ValueError, SlackRequestError) as error:  # URLError is an OSError
            self._failed("error", error=type(error).__name__)
            return False
        if status >= 300:
            self._failed("status", status=status)
            return False
        return True

    def _failed(self, reason: str, **fields: Any) -> None:
        self.metrics.delivery_failures.labels("response_url").inc()
        log_event("delivery.failed", target="response_url", reason=reason, **fields)
