"""POSTs to a click's response_url over kept-alive connections, with the bounded retries.

Every click's reply goes to its response_url. slack_sdk's WebhookClient (and bolt's
`respond()`) opens a new connection for each post through urllib; under load that was
the largest part of a click's CPU after the ack. Here connections are kept per host and
reused (a connection the server closed while idle is noticed before reuse, or retried
once on a fresh one), and each post runs the same retry handlers as the Web API client
(retry.py): connection errors, 429 after a capped Retry-After, 5xx with backoff, bounded.
A proxy comes from HTTPS_PROXY/HTTP_PROXY (NO_PROXY honoured), as slack_sdk reads it.
Each attempt waits at most 3 s for its answer (a timeout is retried like a dropped
connection), so a reply is bounded at about 10 s in all (issue 12).
"""

from __future__ import annotations

import atexit
import base64
import http.client
import json
import os
import select
import socket
import ssl
import threading
import time
from typing import Any
from urllib.error import URLError
from urllib.parse import unquote, urlsplit
from urllib.request import proxy_bypass

from slack_sdk.http_retry.handler import RetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

from decision_aid.slack.retry import retry_handlers

IDLE_SECONDS = 30.0
"""An idle connection older than this is closed rather than reused."""
IDLE_PER_HOST = 32
IDLE_IN_ALL = 64
"""Idle connections kept over every host; past it the oldest is closed."""
USER_AGENT = "decision-aid-slack"
_STALE = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError,
          ConnectionAbortedError)

Key = tuple[str, str, int]
Headers = dict[str, str | list[str]]


class ResponseUrlPoster:
    """Thread-safe; one per process (see `poster()`), its connections made in the worker."""

    def __init__(self, *, timeout: float = 3.0, max_wait: float = 3.0,
                 handlers: list[RetryHandler] | None = None) -> None:
        self.timeout = timeout
        self.handlers = handlers if handlers is not None else retry_handlers(max_wait=max_wait)
        self._idle: dict[Key, list[tuple[http.client.HTTPConnection, float]]] = {}
        self._lock = threading.Lock()
        self._tls: ssl.SSLContext | None = None
        self._proxy = _proxy_from_env()

    def post(self, url: str, message: dict[str, Any]) -> int:
        """POST `message` as JSON; the final HTTP status after the bounded retries.

        Raises the last connection error (an OSError, as WebhookClient did) when every
        retry failed, and a URLError for an answer that is not HTTP.
        """
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise URLError(f"not an http(s) URL (scheme {parts.scheme or 'none'!r})")
        key = (parts.scheme, parts.hostname, parts.port or (443 if parts.scheme == "https"
                                                            else 80))
        data = json.dumps({k: v for k, v in message.items() if v is not None}).encode()
        headers = {"Content-Type": "application/json;charset=utf-8", "User-Agent": USER_AGENT}
        target = url if self._proxied(key) and key[0] == "http" else \
            (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        request = HttpRequest(method="POST", url=url, headers=dict(headers), data=data)
        state = RetryState()
        while True:  # every handler bounds its retries, and they share one attempt count
            state.next_attempt_requested = False
            try:
                status, reply_headers, body = self._send(key, target, data, headers)
            except Exception as error:
                self._retry(state, request, None, error)
                if not state.next_attempt_requested:
                    if isinstance(error, http.client.HTTPException) and \
                            not isinstance(error, OSError):
                        raise URLError(error) from None
                    raise
                continue
            if status < 400:
                return status
            self._retry(state, request, HttpResponse(status_code=status, headers=reply_headers,
                                                     data=body), None)
            if not state.next_attempt_requested:
                return status

    def close(self) -> None:
        """Close every idle connection (at exit, and in a forked child)."""
        with self._lock:
            idle, self._idle = self._idle, {}
        for connections in idle.values():
            for conn, _ in connections:
                conn.close()

    # -- one attempt --------------------------------------------------------------------------
    def _send(self, key: Key, target: str, data: bytes, headers: dict[str, str]
              ) -> tuple[int, Headers, bytes]:
        conn = self._take(key)
        reused = conn is not None
        if conn is None:
            conn = self._connect(key)
        try:
            try:
                status, reply_headers, body, close = _exchange(conn, target, data, headers)
            except (URLError, *_STALE) as err:
                if not reused or not _stale(err):
                    raise
                conn.close()  # closed by the server while idle: once more on a new one
                conn = self._connect(key)
                status, reply_headers, body, close = _exchange(conn, target, data, headers)
        except BaseException:
            conn.close()
            raise
        if close:
            conn.close()
        else:
            self._give(key, conn)
        return status, reply_headers, body

    def _retry(self, state: RetryState, request: HttpRequest, response: HttpResponse | None,
               error: Exception | None) -> None:
        for handler in self.handlers:
            if handler.can_retry(state=state, request=request, response=response,
                                 error=error):
                handler.prepare_for_next_attempt(state=state, request=request,
                                                 response=response, error=error)
                return

    # -- connections --------------------------------------------------------------------------
    def _connect(self, key: Key) -> http.client.HTTPConnection:
        """A new connection, connected; a failure to connect is a URLError (as urllib's)."""
        scheme, host, port = key
        conn: http.client.HTTPConnection
        proxy = urlsplit(self._proxy) if self._proxy and self._proxied(key) else None
        if proxy is not None:
            proxy_at = (proxy.hostname or "", proxy.port or 80)
            if scheme == "https":
                conn = _Secure(*proxy_at, timeout=self.timeout, context=self._context())
                conn.set_tunnel(host, port, headers=_proxy_auth(proxy.username,
                                                               proxy.password))
            else:
                conn = _ProxiedConnection(*proxy_at, timeout=self.timeout,
                                          auth=_proxy_auth(proxy.username, proxy.password))
        elif scheme == "https":
            conn = _Secure(host, port, timeout=self.timeout, context=self._context())
        else:
            conn = _Connection(host, port, timeout=self.timeout)
        try:
            conn.connect()
            # http.client sends headers and body in two writes: no Nagle wait between.
            conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError as err:
            conn.close()
            raise URLError(err) from None
        return conn

    def _proxied(self, key: Key) -> bool:
        return self._proxy is not None and not proxy_bypass(key[1])

    def _context(self) -> ssl.SSLContext:
        if self._tls is None:
            self._tls = ssl.create_default_context()
        return self._tls

    def _take(self, key: Key) -> http.client.HTTPConnection | None:
        now = time.monotonic()
        while True:
            with self._lock:
                connections = self._idle.get(key)
                if not connections:
                    return None
                conn, since = connections.pop()
            if now - since < IDLE_SECONDS and not _dropped(conn):
                return conn
            conn.close()

    def _give(self, key: Key, conn: http.client.HTTPConnection) -> None:
        oldest: http.client.HTTPConnection | None = None
        with self._lock:
            connections = self._idle.setdefault(key, [])
            if len(connections) >= IDLE_PER_HOST:
                oldest = conn
            else:
                connections.append((conn, time.monotonic()))
                if sum(len(c) for c in self._idle.values()) > IDLE_IN_ALL:
                    host = min((c for c in self._idle.values() if c), key=lambda c: c[0][1])
                    oldest = host.pop(0)[0]
        if oldest is not None:
            oldest.close()


class _Connection(http.client.HTTPConnection):
    """Sends the request line, the headers and a body of bytes in one write. http.client
    writes the body apart: two system calls and two packets a post, and Slack's side
    woken twice (the sink in bench_slack.py spent a fifth of a reply's CPU on it)."""

    def _send_output(self, message_body: Any = None, encode_chunked: bool = False) -> None:
        if not isinstance(message_body, bytes) or encode_chunked:
            super()._send_output(message_body, encode_chunked)  # type: ignore[misc]
            return
        self._buffer.extend((b"", b""))  # type: ignore[attr-defined]
        head = b"\r\n".join(self._buffer)  # type: ignore[attr-defined]
        del self._buffer[:]  # type: ignore[attr-defined]
        self.send(head + message_body)


class _Secure(_Connection, http.client.HTTPSConnection):
    """The same over TLS."""


class _ProxiedConnection(_Connection):
    """Plain HTTP through a proxy: absolute URLs, with the proxy's credentials if any."""

    def __init__(self, host: str, port: int, *, timeout: float,
                 auth: dict[str, str]) -> None:
        super().__init__(host, port, timeout=timeout)
        self.auth = auth


def _exchange(conn: http.client.HTTPConnection, target: str, data: bytes,
              headers: dict[str, str]) -> tuple[int, Headers, bytes, bool]:
    """One request and its whole response (read, so the connection can be reused).

    As in urllib, a failure while sending is a URLError; one while reading is raised as is.
    """
    extra = conn.auth if isinstance(conn, _ProxiedConnection) else {}
    try:
        conn.request("POST", target, body=data, headers={**headers, **extra})
    except OSError as err:
        raise URLError(err) from None
    response = conn.getresponse()
    body = response.read()
    reply_headers: Headers = dict(response.getheaders())
    return response.status, reply_headers, body, response.will_close


def _stale(err: BaseException) -> bool:
    """A reused connection the server had closed: nothing was read, so send it again."""
    return isinstance(err, _STALE) or (isinstance(err, URLError)
                                       and isinstance(err.reason, _STALE))


def _dropped(conn: http.client.HTTPConnection) -> bool:
    """Whether an idle connection was closed by the other side (readable means EOF)."""
    sock = conn.sock
    if sock is None:
        return True
    try:
        poll = select.poll()
        poll.register(sock, select.POLLIN)
        return bool(poll.poll(0))
    except (OSError, ValueError):
        return True


def _proxy_from_env() -> str | None:
    """The proxy slack_sdk would use: HTTPS_PROXY, then HTTP_PROXY (either case)."""
    for name in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"):
        value = os.environ.get(name)
        if value is not None:
            value = value.strip()
            if not value:
                return None  # set but empty: no proxy
            return value if "://" in value else f"http://{value}"
    return None


def _proxy_auth(user: str | None, password: str | None) -> dict[str, str]:
    if not user:
        return {}
    token = base64.b64encode(f"{unquote(user)}:{unquote(password or '')}".encode()).decode()
    return {"Proxy-Authorization": f"Basic {token}"}


_shared: ResponseUrlPoster | None = None
_shared_lock = threading.Lock()


def poster() -> ResponseUrlPoster:
    """The process's poster; a forked worker starts with no connections of its parent's."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = ResponseUrlPoster()
            atexit.register(_shared.close)
        return _shared


def _forget_after_fork() -> None:
    """In a forked child: drop the parent's connections and locks (another thread may
    have held them at the fork), closing only the child's copies of the sockets."""
    global _shared, _shared_lock
    inherited, _shared, _shared_lock = _shared, None, threading.Lock()
    if inherited is not None:
        for connections in inherited._idle.values():
            for conn, _ in connections:
                conn.close()


os.register_at_fork(after_in_child=_forget_after_fork)


def post_to_response_url(url: str, message: dict[str, Any]) -> int:
    """POST a message to a response_url with the bot's bounded retries; the final status."""
    return poster().post(url, message)
