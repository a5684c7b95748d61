"""Socket Mode on one machine: an outbound websocket, no public URL, closed on SIGTERM.

bolt's `handler.start()` blocks with no way out on SIGTERM, so this connects, waits on an
event that SIGTERM/SIGINT set, acks every envelope already received (`InFlight`; the
client's close() would drop those still queued, and Slack never retries an interaction),
then closes the websocket (Slack then stops sending to this connection) and lets listener
threads already replying finish. slack_sdk's built-in client pings every
SLACK_SOCKET_PING_SECONDS and replaces a connection with no pong for four pings (a
half-open one), or one closed with a close frame or reset; `ConnectionWatch` adds the case
it misses, a peer gone with no close frame. SIGHUP and changed pack
files reload the packs in place. The proxy comes from HTTPS_PROXY/HTTP_PROXY, as for the
Web API client. Slack allows at most 10 connections per app and sends each payload to one
of them: scale by processes, and keep one connected during a deploy.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import threading
import time
from collections.abc import Sequence
from types import FrameType
from typing import Any

from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_sdk.socket_mode.builtin import SocketModeClient

from decision_aid.core import Layer
from decision_aid.exit_codes import ExitCode
from decision_aid.slack.logs import bolt_logger, log_event
from decision_aid.slack.reload import PackWatcher, reload_packs
from decision_aid.slack.runtime import Runtime


class SocketModeRunner:
    def __init__(self, runtime: Runtime, layers: Sequence[Layer]) -> None:
        self.runtime = runtime
        self.layers = list(layers)
        self.stopping = threading.Event()
        assert runtime.config.app_token is not None
        self.handler = SocketModeHandler(runtime.app, app_token=runtime.config.app_token,
                                         web_client=runtime.client, logger=bolt_logger(),
                                         concurrency=min(32, runtime.config.listener_threads),
                                         ping_interval=runtime.config.socket_ping_seconds)
        self.watch = ConnectionWatch(self.handler.client)
        self.in_flight = InFlight(self.handler.client)

    def install_signals(self) -> None:
        def stop(signum: int, frame: FrameType | None) -> None:
            self.stopping.set()

        def reload(signum: int, frame: FrameType | None) -> None:
            threading.Thread(target=reload_packs, args=(self.runtime.holder,),
                             daemon=True).start()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        if hasattr(signal, "SIGHUP"):
            signal.signal(signal.SIGHUP, reload)

    def run(self) -> ExitCode:
        watcher = PackWatcher(self.layers, lambda: reload_packs(self.runtime.holder),
                              self.runtime.config.watch_seconds).start()
        self.handler.connect()  # type: ignore[no-untyped-call]
        log_event("socket_mode.connected")
        try:
            while not self.stopping.wait(0.5):
                self.watch.check()
        finally:
            watcher.stop()
            # Ack what has arrived before closing: an interaction unacked is lost (Slack
            # never retries one), and the client's close() drops its queue.
            left = self.in_flight.settle(ACK_DRAIN_SECONDS)
            self.handler.close()  # type: ignore[no-untyped-call]
            self.runtime.drain()
            log_event("socket_mode.closed", unacked=left)
        return ExitCode.OK


ACK_DRAIN_SECONDS = 10.0
QUIET_SECONDS = 0.2


class InFlight:
    """Envelopes received and not yet acked, counted around the built-in client's own two
    steps: `enqueue_message` (the reader thread) and `run_message_listeners` (a worker,
    which sends the ack before it returns)."""

    def __init__(self, client: SocketModeClient) -> None:
        self.open = 0
        self.last = time.monotonic()
        self.changed = threading.Condition()
        enqueue, run = client.enqueue_message, client.run_message_listeners

        def counted_enqueue(message: str) -> None:
            if _envelope(message):
                with self.changed:
                    self.open += 1
                    self.last = time.monotonic()
            enqueue(message)

        def counted_run(message: dict[str, Any], raw: str) -> None:
            try:
                run(message, raw)
            finally:
                if _envelope(raw):
                    with self.changed:
                        self.open -= 1
                        self.changed.notify_all()

        client.enqueue_message = counted_enqueue  # type: ignore[method-assign]
        client.run_message_listeners = counted_run  # type: ignore[method-assign, assignment]

    def settle(self, timeout: float) -> int:
        """Wait (at most `timeout`) until every envelope received is acked and none came
        for QUIET_SECONDS; how many are still open."""
        deadline = time.monotonic() + timeout
        with self.changed:
            while True:
                now = time.monotonic()
                quiet = now - self.last >= QUIET_SECONDS
                if (self.open <= 0 and quiet) or now >= deadline:
                    return max(0, self.open)
                self.changed.wait(min(deadline - now, QUIET_SECONDS))


def _envelope(raw: str) -> bool:
    """A message that wants an ack (the client answers `disconnect` itself, unacked)."""
    if '"envelope_id"' not in raw:
        return False
    try:
        message = json.loads(raw)
    except ValueError:
        return False
    return isinstance(message, dict) and message.get("type") != "disconnect"


class ConnectionWatch:
    """What slack_sdk's built-in client misses: a connection whose peer went away with no
    close frame (a FIN, as from a load balancer or a killed peer). Its reader then gets
    empty reads in a tight loop (a core at 100%) until the ping check finds no pong for
    four intervals and replaces it. Checked twice a second here: the socket reads as
    closed, so it is closed and a new connection opened at once. A close frame, a reset
    connection and a half-open one (no pongs) the client handles itself: ping every
    SLACK_SOCKET_PING_SECONDS, replaced after four without a pong."""

    def __init__(self, client: SocketModeClient) -> None:
        self.client = client
        self.session = client.session_id()

    def check(self) -> None:
        session = self.client.current_session
        sock = session.sock if session is not None else None
        if session is not None and sock is not None and peer_closed(sock):
            log_event("socket_mode.peer_closed")
            session.disconnect()
            try:
                self.client.connect_to_new_endpoint()
            except Exception as error:  # the client's own monitor tries again later
                log_event("socket_mode.reconnect_failed", level=30,
                          error=type(error).__name__)
        now = self.client.session_id()
        if now != self.session and self.client.is_connected():
            log_event("socket_mode.reconnected")
            self.session = now


def peer_closed(sock: socket.socket) -> bool:
    """Whether the peer has closed the connection: a read would return end of file. Peeks
    at the TCP stream through a duplicate descriptor (already non-blocking: the client's
    socket has a timeout), so nothing is consumed and nothing waits."""
    try:
        probe = socket.socket(fileno=os.dup(sock.fileno()))
    except OSError:
        return True
    try:
        probe.setblocking(False)
        return probe.recv(1, socket.MSG_PEEK) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True
    finally:
        probe.close()
