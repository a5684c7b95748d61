"""A local fake of Slack's Web API and response_url endpoints that records every call.

It lives in the package, not only in tests, because `decision-aid cases run --face slack`
plays trainer cases through the real bot against it, on 127.0.0.1 (tests/slackbot uses
the same fake).

It answers like Slack for the methods the bot uses and refuses what Slack refuses: more
than 50 blocks in a message (100 in a view), blocks over ~12k characters in all
(`msg_blocks_too_long`), a button value over 2000 characters, private_metadata over 3000.
Failures can be queued (`fail_next`) to test retries, e.g. a 429 with Retry-After;
`slow_next` answers late, `hold_next` not until released, and `fail_next(prefix, DROP)`
closes the connection unanswered.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

DROP = 0
"""A `fail_next` status: close the connection without answering."""
GOOD_TOKEN = "xoxb-test-0000000000-good"
BLOCKS_TOO_LONG = 12_000
AUTH_TEST: dict[str, Any] = {"ok": True, "url": "https://example.slack.com/", "team": "Example",
                             "user": "guidance", "team_id": "T0TEST", "user_id": "U0BOT",
                             "bot_id": "B0BOT", "is_enterprise_install": False}
"""`auth.test`'s answer for the good token; the load scripts' lean fake and tests' own
servers answer with it too, so every fake names the same workspace and bot."""


@dataclass
class Call:
    path: str
    body: dict[str, Any]
    headers: dict[str, str]
    at: float = field(default_factory=time.monotonic)

    @property
    def method(self) -> str:
        return self.path.removeprefix("/api/")


def _walk_values(blocks: Any) -> Iterator[str]:
    if isinstance(blocks, dict):
        if blocks.get("type") == "button" and isinstance(blocks.get("value"), str):
            yield blocks["value"]
        for value in blocks.values():
            yield from _walk_values(value)
    elif isinstance(blocks, list):
        for item in blocks:
            yield from _walk_values(item)


def block_problem(blocks: Any, *, limit: int) -> str | None:
    """What Slack would say about these blocks, or None when it accepts them."""
    if blocks is None:
        return None
    if isinstance(blocks, str):
        blocks = json.loads(blocks)
    if not isinstance(blocks, list) or len(blocks) > limit:
        return "invalid_blocks"
    if len(json.dumps(blocks, ensure_ascii=False)) > BLOCKS_TOO_LONG:
        return "msg_blocks_too_long"
    if any(len(v) > 2000 for v in _walk_values(blocks)):
        return "invalid_blocks"
    return None


class FakeSlack:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.ws_url = "ws://127.0.0.1:1/link"
        self._lock = threading.Condition()
        self._failures: list[tuple[str, int, dict[str, str]]] = []
        self._delays: list[tuple[str, float]] = []
        self._holds: list[tuple[str, threading.Event]] = []
        self.views = 0
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body go out in two writes: without this a kept-alive
            # connection waits for the client's delayed ACK (~40 ms) before the body.
            disable_nagle_algorithm = True

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode()
                status, headers, out = fake.handle(self.path, dict(self.headers), raw)
                if status == DROP:
                    self.close_connection = True
                    return
                data = out.encode()
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def response_url(self, name: str = "r1") -> str:
        return f"http://127.0.0.1:{self.port}/response/{name}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # -- recording --------------------------------------------------------------------------
    def fail_next(self, prefix: str, status: int, count: int = 1,
                  headers: dict[str, str] | None = None) -> None:
        with self._lock:
            self._failures.extend([(prefix, status, headers or {})] * count)

    def slow_next(self, prefix: str, seconds: float, count: int = 1) -> None:
        """Answer the next `count` calls to `prefix` only after `seconds`."""
        with self._lock:
            self._delays.extend([(prefix, seconds)] * count)

    def hold_next(self, prefix: str, count: int = 1) -> threading.Event:
        """Keep the next `count` calls to `prefix` unanswered until the event is set (or
        30 s pass): a reply that hangs, for as long as a test needs."""
        release = threading.Event()
        with self._lock:
            self._holds.extend([(prefix, release)] * count)
        return release

    def of(self, path_prefix: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.path.startswith(path_prefix)]

    def wait_for(self, predicate: Callable[[list[Call]], bool], timeout: float = 5.0
                 ) -> list[Call]:
        deadline = time.monotonic() + timeout
        with self._lock:
            while not predicate(self.calls):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"timed out; calls seen: {[c.path for c in self.calls]}")
                self._lock.wait(left)
            return list(self.calls)

    def wait_count(self, path_prefix: str, count: int, timeout: float = 5.0) -> list[Call]:
        self.wait_for(lambda calls: sum(c.path.startswith(path_prefix) for c in calls) >= count,
                      timeout)
        return self.of(path_prefix)

    # -- answering --------------------------------------------------------------------------
    def handle(self, path: str, headers: dict[str, str], raw: str
               ) -> tuple[int, dict[str, str], str]:
        content_type = headers.get("Content-Type", headers.get("content-type", ""))
        if "json" in content_type:
            body = json.loads(raw or "{}")
        else:
            body = {k: v[0] for k, v in parse_qs(raw).items()}
        with self._lock:
            self.calls.append(Call(path, body, {k.lower(): v for k, v in headers.items()}))
            failure = next((f for f in self._failures if path.startswith(f[0])), None)
            if failure is not None:
                self._failures.remove(failure)
            delay = next((d for d in self._delays if path.startswith(d[0])), None)
            if delay is not None:
                self._delays.remove(delay)
            hold = next((h for h in self._holds if path.startswith(h[0])), None)
            if hold is not None:
                self._holds.remove(hold)
            self._lock.notify_all()
        if hold is not None:
            hold[1].wait(30)
        if delay is not None:
            time.sleep(delay[1])
        if failure is not None:
            _, status, extra = failure
            return status, {"Content-Type": "application/json", **extra}, json.dumps(
                {"ok": False, "error": "ratelimited" if status == 429 else "fatal_error"})
        if path.startswith("/response/"):
            problem = block_problem(body.get("blocks"), limit=50)
            return (400, {}, problem) if problem else (200, {}, "ok")
        return 200, {"Content-Type": "application/json"}, json.dumps(
            self.api(path.removeprefix("/api/"), body, headers))

    def api(self, method: str, body: dict[str, Any], headers: dict[str, str]) -> dict[str, Any]:
        token = (headers.get("Authorization") or headers.get("authorization") or "")
        token = token.removeprefix("Bearer ") or str(body.get("token", ""))
        if method == "apps.connections.open":
            return {"ok": True, "url": self.ws_url}
        if token != GOOD_TOKEN:
            return {"ok": False, "error": "invalid_auth"}
        if method == "auth.test":
            return dict(AUTH_TEST)
        if method.startswith("chat."):
            problem = block_problem(body.get("blocks"), limit=50)
            if problem:
                return {"ok": False, "error": problem}
            return {"ok": True, "channel": body.get("channel"), "ts": "1700000000.000100"}
        if method.startswith("views."):
            view = body.get("view")
            view = json.loads(view) if isinstance(view, str) else view or {}
            problem = block_problem(view.get("blocks"), limit=100)
            if problem or len(view.get("private_metadata", "")) > 3000:
                return {"ok": False, "error": problem or "invalid_arguments"}
            with self._lock:
                self.views += 1
                number = self.views
            return {"ok": True, "view": {**view, "id": f"V{number:04d}", "hash": f"h{number}"}}
        return {"ok": True}
