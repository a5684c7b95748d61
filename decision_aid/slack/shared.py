"""What replicas must share: which Slack deliveries were seen, and per-user request counts.

With REDIS_URL, Redis holds both (`SET key 1 NX EX ttl` for a delivery; a fixed-window
`INCR` + `EXPIRE` per user), so a retried event is handled once whichever replica it lands
on. Without it, one process's memory does (Socket Mode on one machine). Redis being down
must not take the bot down: each replica then falls back to its own memory for both (a
retry landing on the same replica is still dropped; one landing on another may run
twice), logs it, and leaves Redis alone for a few seconds before trying again, so a hung
Redis does not add its timeout to every request. /readyz reports it (wsgi.py).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Protocol

from decision_aid.slack.logs import log_event

SEEN_TTL = 3600  # Slack retries an event for about 5 minutes; an hour is ample.
MEMORY_LIMIT = 100_000  # keys of one TTL kept in process before the oldest are forgotten
RETRY_AFTER = 5.0  # seconds Redis is left alone after it failed to answer


class SharedState(Protocol):
    def first_delivery(self, key: str, ttl: int = SEEN_TTL) -> bool:
        """True the first time `key` is seen (within `ttl` seconds), False for a repeat."""
        ...

    def allow(self, key: str, limit: int, window: int = 60) -> bool:
        """Count one request for `key`; False once `limit` is passed within the window."""
        ...

    def ready(self) -> bool:
        """Whether the store answers (for /readyz)."""
        ...


class MemoryState:
    """In-process store: thread-safe, bounded, for one process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        # One queue per time-to-live: in each, the order keys came in is the order they
        # expire in, so the expired are always at the front.
        self._seen: dict[int, OrderedDict[str, float]] = {}
        self._counts: OrderedDict[str, tuple[int, int]] = OrderedDict()

    def first_delivery(self, key: str, ttl: int = SEEN_TTL) -> bool:
        now = time.monotonic()
        with self._lock:
            seen = self._seen.setdefault(ttl, OrderedDict())
            until = seen.get(key)
            if until is not None and now < until:
                return False
            seen[key] = now + ttl
            seen.move_to_end(key)
            # What has expired goes (it was kept until the limit: a quiet bot's memory
            # crept up for days); past the limit the oldest goes anyway.
            while seen:
                oldest, until = next(iter(seen.items()))
                if until > now and len(seen) <= MEMORY_LIMIT:
                    break
                del seen[oldest]
            return True

    def allow(self, key: str, limit: int, window: int = 60) -> bool:
        slot = int(time.time() // window)
        with self._lock:
            held_slot, count = self._counts.get(key, (slot, 0))
            count = count + 1 if held_slot == slot else 1
            self._counts[key] = (slot, count)
            self._counts.move_to_end(key)
            while len(self._counts) > MEMORY_LIMIT:
                self._counts.popitem(last=False)
            return count <= limit

    def ready(self) -> bool:
        return True


class RedisState:
    """Redis store shared by every replica; its own memory while Redis does not answer."""

    def __init__(self, url: str, *, prefix: str = "decision-aid:") -> None:
        import redis

        self._redis = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5,
                                           health_check_interval=30)
        self._prefix = prefix
        self._errors = (redis.RedisError, OSError)
        self._fallback = MemoryState()
        self._down_until = 0.0

    def _down(self, check: str, err: Exception) -> None:
        if time.monotonic() >= self._down_until:
            log_event("redis.unavailable", check=check, error=type(err).__name__,
                      fallback="in-process", retry_in=RETRY_AFTER)
        self._down_until = time.monotonic() + RETRY_AFTER

    def first_delivery(self, key: str, ttl: int = SEEN_TTL) -> bool:
        if time.monotonic() < self._down_until:
            return self._fallback.first_delivery(key, ttl)
        try:
            first = bool(self._redis.set(f"{self._prefix}seen:{key}", 1, nx=True, ex=ttl))
        except self._errors as err:
            self._down("dedupe", err)
            return self._fallback.first_delivery(key, ttl)
        self._fallback.first_delivery(key, ttl)  # so a later outage still knows it
        return first

    def allow(self, key: str, limit: int, window: int = 60) -> bool:
        if time.monotonic() < self._down_until:
            return self._fallback.allow(key, limit, window)
        slot = int(time.time() // window)
        name = f"{self._prefix}rate:{key}:{slot}"
        try:
            pipe = self._redis.pipeline()
            pipe.incr(name)
            pipe.expire(name, window * 2)
            count, _ = pipe.execute()
            return int(count) <= limit
        except self._errors as err:
            self._down("rate_limit", err)
            return self._fallback.allow(key, limit, window)

    def ready(self) -> bool:
        try:
            up = bool(self._redis.ping())
        except self._errors:
            return False
        if up:
            self._down_until = 0.0
        return up


def shared_state(redis_url: str | None) -> SharedState:
    return RedisState(redis_url) if redis_url else MemoryState()
