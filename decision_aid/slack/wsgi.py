"""The HTTP face of the bot as a WSGI app: POST /slack/events, /healthz, /readyz, /metrics.

Every POST is checked here before bolt sees it: the timestamp must be an integer within
five minutes and the signature `v0=HMAC(secret, "v0:ts:body")` must match, else 401 and
no listener runs. This also closes three traps of a bare bolt app: a non-integer
timestamp made it answer 500, a failed check logged the whole body at INFO, and an
unsigned `ssl_check=1` request was answered before verification. Bodies over 1 MiB are
refused (Slack's are a few kB). A signature seen before (within the five minutes a
timestamp is good for, on any replica sharing Redis) is a replay: 401 as well, except
Slack's own retry of an event, which the event dedupe answers.

A signed body is then shape-checked (envelope.py) before bolt reads it, and nothing bolt
does can make this answer 5xx: a body bolt cannot read, an error inside bolt, or a request
no listener handles is answered 200 (Slack retries events that get anything else), a
command with a one-line ephemeral note, and counted.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from slack_bolt import App
from slack_bolt.request import BoltRequest

from decision_aid.slack import envelope, words
from decision_aid.slack.logs import log, log_event
from decision_aid.slack.metrics import Metrics
from decision_aid.slack.payloads import kind_of
from decision_aid.slack.shared import SharedState

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIEnvironment

EVENTS_PATH = "/slack/events"
MAX_BODY = 1 << 20
MAX_SKEW = 300
REPLAY_MARGIN = 60  # seconds, for the wall clock stepping while the memory counts on


def replay_ttl(stamp: int, now: float) -> int:
    """How long to remember a signature: until its timestamp leaves the window in which
    check_signature accepts it (stamp + MAX_SKEW), plus a margin. Slack stamps a request
    as it sends it, so that is about 6 minutes; only a future-dated stamp needs up to 11.
    Two fixed values keep the memory's one-queue-per-TTL order (shared.MemoryState)."""
    return MAX_SKEW + REPLAY_MARGIN if stamp <= now else 2 * MAX_SKEW + REPLAY_MARGIN


ADVISORY = frozenset({"redis"})
"""/readyz checks reported but not required: with Redis down each replica falls back to
its own memory and keeps serving; failing readiness would pull every replica at once."""


def check_signature(secret: str, headers: dict[str, str], body: bytes,
                    now: float | None = None) -> str | None:
    """None when the request is Slack's; else the reason (for metrics, never the body)."""
    stamp = headers.get("x-slack-request-timestamp", "")
    signature = headers.get("x-slack-signature", "")
    if not stamp or not signature:
        return "missing"
    if not stamp.isdigit() or len(stamp) > 12:
        return "malformed"
    skew = int(stamp) - (time.time() if now is None else now)
    if skew > MAX_SKEW:
        return "future"
    if skew < -MAX_SKEW:
        return "stale"
    # Over the raw bytes: slack_sdk's generate_signature decodes them as UTF-8 first, and
    # raised UnicodeDecodeError on a body that is not
    expected = "v0=" + hmac.new(secret.encode(), b"v0:" + stamp.encode() + b":" + body,
                                hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected.encode(), signature.encode("utf-8", "replace")):
        return "forged"
    return None


class SlackWsgi:
    """Routes requests; `ready()` says whether packs (and Redis, when set) are usable."""

    def __init__(self, app: App, *, signing_secret: str, metrics: Metrics,
                 ready: Callable[[], dict[str, bool]],
                 unreadable: Callable[[envelope.Body], None] | None = None,
                 seen: SharedState | None = None) -> None:
        self.app = app
        self.seen = seen
        self.unreadable = unreadable or (lambda body: None)
        self.secret = signing_secret
        self.metrics = metrics
        self.ready = ready
        self.draining = False

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse
                 ) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "")
        if path == EVENTS_PATH and method == "POST":
            status, headers, body = self._events(environ)
        elif path == "/healthz" and method in ("GET", "HEAD"):
            status, headers, body = _json(200, {"status": "ok"})
        elif path == "/readyz" and method in ("GET", "HEAD"):
            checks = {**self.ready(), "serving": not self.draining}
            ready = all(ok for name, ok in checks.items() if name not in ADVISORY)
            status, headers, body = _json(200 if ready else 503, checks)
        elif path == "/metrics" and method == "GET":
            status, headers, body = 200, [("Content-Type", self.metrics.content_type)], \
                self.metrics.exposition()
        else:
            status, headers, body = _json(404, {"error": "not found"})
        start_response(f"{status} {_REASONS.get(status, 'OK')}",
                       [*headers, ("Content-Length", str(len(body)))])
        return [body]

    def _replayed(self, headers: dict[str, str | Sequence[str]], raw: bytes) -> bool:
        """A signature seen before. Slack retries an event (X-Slack-Retry-Num) perhaps within
        the same second, so with the same signature: that is the event dedupe's to drop (by
        event_id), with a 200. Commands and clicks are never retried."""
        if self.seen is None:
            return False
        if "x-slack-retry-num" in headers and raw.startswith(b"{") and b'"event_id"' in raw:
            return False
        stamp = int(str(headers.get("x-slack-request-timestamp")))  # checked: digits
        return not self.seen.first_delivery(
            "signature:" + str(headers.get("x-slack-signature")),
            ttl=replay_ttl(stamp, time.time()))

    def _events(self, environ: WSGIEnvironment) -> tuple[int, list[tuple[str, str]], bytes]:
        started = time.perf_counter()
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = -1
        if length < 0 or length > MAX_BODY:
            self.metrics.rejected.labels("too_large").inc()
            return _json(413, {"error": "request too large"})
        raw = environ["wsgi.input"].read(length) if length else b""
        headers = _headers(environ)
        reason = check_signature(self.secret, {k: str(v) for k, v in headers.items()}, raw)
        if reason is None and self._replayed(headers, raw):
            reason = "replayed"
        if reason is not None:
            self.metrics.rejected.labels(reason).inc()
            log_event("request.rejected", reason=reason)
            return _json(401, {"error": "invalid request"})
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            self.metrics.rejected.labels("not_utf8").inc()
            return _json(400, {"error": "body is not UTF-8"})
        body = envelope.read(text, str(headers.get("content-type", "")).split(";")[0])
        problem = "not_an_object" if body is None else envelope.problem(body)
        if body is None or problem is not None:
            self.metrics.rejected.labels("malformed").inc()
            log_event("request.malformed", field=problem)
            if body is not None:
                self.unreadable(body)
            return _unreadable(body)
        kind = kind_of(body)
        try:
            # bolt gets the body read once above, not the text to parse again (a click's
            # form-encoded JSON was unquoted three times per request). bolt takes a parsed
            # body only in its Socket Mode form, which differs from HTTP only in skipping
            # its own signature check: done above already, and switched off (app.py).
            request = BoltRequest(body=body, query=environ.get("QUERY_STRING", ""),
                                  headers=headers, mode="socket_mode")
            response = self.app.dispatch(request)
        except Exception as error:  # never a 5xx, whatever bolt does with a signed body
            log_event("request.failed", level=40, kind=kind, error=type(error).__name__)
            log.debug("request.failed.where", exc_info=error)  # frames only, never text
            self.unreadable(body)
            return _unreadable(body)
        if response.status == 404:  # no listener: answered, so Slack does not retry
            log_event("request.unhandled", kind=kind)
            self.unreadable(body)
            return _unreadable(body)
        elapsed = time.perf_counter() - started
        self.metrics.acked(kind, elapsed)
        log_event("request.acked", kind=kind, status=response.status,
                  ms=round(elapsed * 1000, 2))
        out = response.body.encode() if isinstance(response.body, str) else response.body
        headers_out = [(k, v) for k, values in response.headers.items() for v in values
                       if k.lower() != "content-length"]
        return response.status, headers_out, out


def _unreadable(body: envelope.Body | None) -> tuple[int, list[tuple[str, str]], bytes]:
    """200 for a signed body that could not be handled: a note for a command, else empty."""
    if body is not None and "command" in body:
        return _json(200, {"response_type": "ephemeral", "text": words.UNREADABLE})
    return 200, [], b""


def _headers(environ: WSGIEnvironment) -> dict[str, str | Sequence[str]]:
    headers: dict[str, str | Sequence[str]] = {}
    for key, value in environ.items():
        if key.startswith("HTTP_"):
            headers[key[5:].lower().replace("_", "-")] = str(value)
        elif key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            headers[key.lower().replace("_", "-")] = str(value)
    return headers


def _json(status: int, data: Any) -> tuple[int, list[tuple[str, str]], bytes]:
    return status, [("Content-Type", "application/json")], json.dumps(data).encode()


_REASONS = {200: "OK", 400: "Bad Request", 401: "Unauthorized", 404: "Not Found",
            413: "Payload Too Large", 500: "Internal Server Error", 503: "Service Unavailable"}
