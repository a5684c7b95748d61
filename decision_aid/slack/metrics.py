"""Prometheus metrics: requests, acks, ack latency, verdicts by topic, helpful votes.

Each app has its own registry, so two apps in one process (tests, benchmarks) count apart.
Under gunicorn with several workers, PROMETHEUS_MULTIPROC_DIR is set before the first
import of prometheus_client (server.py does it) and /metrics adds up every worker's files.
No label ever holds a user, a channel or text: only kinds, topic ids and verdicts.
"""

from __future__ import annotations

import os

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 3.0, 5.0)


class Metrics:
    """The bot's counters, on a registry of their own."""

    content_type = CONTENT_TYPE_LATEST

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.requests = Counter("decision_aid_slack_requests", "Requests from Slack by kind",
                                ["kind"], registry=r)
        self.rejected = Counter("decision_aid_slack_rejected",
                                "Requests refused before any listener ran, by reason",
                                ["reason"], registry=r)
        self.acks = Counter("decision_aid_slack_acks", "Requests acknowledged, by kind",
                            ["kind"], registry=r)
        self.ack_seconds = Histogram("decision_aid_slack_ack_seconds",
                                     "Time from request to acknowledgement", ["kind"],
                                     buckets=LATENCY_BUCKETS, registry=r)
        self.verdicts = Counter("decision_aid_slack_verdicts", "Results shown, by topic",
                                ["topic", "verdict"], registry=r)
        self.helpful = Counter("decision_aid_slack_helpful_votes",
                               "Anonymous 'was this helpful?' votes", ["topic", "vote"],
                               registry=r)
        self.duplicates = Counter("decision_aid_slack_duplicate_deliveries",
                                  "Retried deliveries dropped as already handled", registry=r)
        self.rate_limited = Counter("decision_aid_slack_rate_limited",
                                    "Requests refused by the per-user rate limit", registry=r)
        self.delivery_failures = Counter("decision_aid_slack_delivery_failures",
                                         "Replies Slack did not accept after retries",
                                         ["target"], registry=r)

        self._by_kind: dict[str, tuple[Counter, Counter, Histogram]] = {}

    def _kind(self, kind: str) -> tuple[Counter, Counter, Histogram]:
        """The (requests, acks, ack_seconds) children for one kind, made once: `labels()`
        takes a lock and builds its key on every call, three times a request. Kinds are
        a fixed set (payloads.kind_of)."""
        children = self._by_kind.get(kind)
        if children is None:
            children = (self.requests.labels(kind), self.acks.labels(kind),
                        self.ack_seconds.labels(kind))
            self._by_kind[kind] = children
        return children

    def request(self, kind: str) -> None:
        self._kind(kind)[0].inc()

    def acked(self, kind: str, seconds: float) -> None:
        _, acks, latency = self._kind(kind)
        acks.inc()
        latency.observe(seconds)

    def exposition(self) -> bytes:
        """The text format; every worker's values when running multi-process."""
        if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
            from prometheus_client import multiprocess

            merged = CollectorRegistry()
            multiprocess.MultiProcessCollector(merged)  # type: ignore[no-untyped-call]
            return generate_latest(merged)
        return generate_latest(self.registry)
