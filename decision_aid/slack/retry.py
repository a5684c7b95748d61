"""Bounded retries for Web API and response_url calls: 429 (Retry-After, capped) and 5xx.

slack_sdk's defaults retry connection errors only; its 429 handler sleeps the whole
Retry-After (an int() of the header) in the calling thread, once. Here every retry is
counted (at most `attempts` more tries in all) and no wait exceeds `max_wait` seconds, so a
listener thread is never parked for a minute: a Retry-After longer than that is not
retried at all (trying again sooner would only be refused again; delivery.py then falls
back to another route). A timeout while waiting for the answer is retried like a dropped
connection. `respond()` in bolt builds its own webhook client without these handlers;
response_url.py posts with them instead.
"""

from __future__ import annotations

import random
import time
from http.client import RemoteDisconnected
from typing import Any
from urllib.error import URLError

from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler
from slack_sdk.http_retry.builtin_interval_calculators import BackoffRetryIntervalCalculator
from slack_sdk.http_retry.handler import RetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

RETRIED_STATUSES = frozenset({500, 502, 503, 504})


class CappedRateLimitHandler(RetryHandler):
    """Retry a 429 after its Retry-After, never waiting longer than `max_wait` seconds."""

    def __init__(self, max_retry_count: int = 2, max_wait: float = 3.0) -> None:
        super().__init__(max_retry_count)
        self.max_wait = max_wait

    def _can_retry(self, *, state: RetryState, request: HttpRequest,
                   response: HttpResponse | None = None,
                   error: Exception | None = None) -> bool:
        return response is not None and response.status_code == 429 and \
            _retry_after(response) <= self.max_wait

    def prepare_for_next_attempt(self, *, state: RetryState, request: HttpRequest,
                                 response: HttpResponse | None = None,
                                 error: Exception | None = None) -> None:
        wait = _retry_after(response) if response is not None else 1.0
        time.sleep(min(self.max_wait, wait) + random.uniform(0, 0.1))
        state.next_attempt_requested = True
        state.increment_current_attempt()


class ServerErrorHandler(RetryHandler):
    """Retry 500, 502, 503 and 504 with a short exponential backoff."""

    def __init__(self, max_retry_count: int = 2) -> None:
        super().__init__(max_retry_count,
                         BackoffRetryIntervalCalculator(backoff_factor=0.2))

    def _can_retry(self, *, state: RetryState, request: HttpRequest,
                   response: HttpResponse | None = None,
                   error: Exception | None = None) -> bool:
        return response is not None and response.status_code in RETRIED_STATUSES


def _retry_after(response: HttpResponse) -> float:
    for key, values in response.headers.items():
        if key.lower() == "retry-after" and values:
            return _seconds(values[0])
    return 1.0


def _seconds(value: Any) -> float:
    try:
        return max(0.0, float(str(value).strip()))
    except ValueError:
        return 1.0


def retry_handlers(*, max_wait: float = 3.0) -> list[RetryHandler]:
    """The handlers for every client: connection errors, 429 and 5xx, each bounded."""
    return [ConnectionErrorRetryHandler(max_retry_count=2, error_types=[
                URLError, ConnectionResetError, RemoteDisconnected, TimeoutError]),
            CappedRateLimitHandler(max_retry_count=2, max_wait=max_wait),
            ServerErrorHandler(max_retry_count=2)]
