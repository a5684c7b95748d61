"""Slack's Socket Mode side for fault tests, on 127.0.0.1: a websocket server that greets
each connection with `hello` and records the acks, behind a TCP relay that can cut every
connection at once (`drop`: the peer goes away, no close frame) or stop carrying bytes
while keeping the sockets open (`freeze`: a half-open connection; pings go unanswered).
FakeSlack's `apps.connections.open` hands out the relay's address."""

from __future__ import annotations

import contextlib
import json
import queue
import socket
import struct
import threading
import time
from typing import Any

from websockets.sync.server import ServerConnection, serve


class SocketModeServer:
    """Counts connections; `send` writes an envelope to the newest one; acks are queued
    as (connection number, message)."""

    def __init__(self) -> None:
        self.acks: queue.Queue[tuple[int, dict[str, Any]]] = queue.Queue()
        self.connections: list[ServerConnection] = []
        self.opened = threading.Condition()
        self.server = serve(self._handle, "127.0.0.1", 0)
        self.port = self.server.socket.getsockname()[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def _handle(self, ws: ServerConnection) -> None:
        with self.opened:
            self.connections.append(ws)
            number = len(self.connections)
            self.opened.notify_all()
        ws.send(json.dumps({"type": "hello", "num_connections": number,
                            "connection_info": {"app_id": "A0APP"},
                            "debug_info": {"host": "local"}}))
        try:
            for message in ws:
                if isinstance(message, str):
                    self.acks.put((number, json.loads(message)))
        except Exception:  # a connection cut under it: the test's doing
            pass

    def wait_connections(self, count: int, timeout: float) -> float:
        """Seconds until `count` connections had been opened in all."""
        started = time.monotonic()
        with self.opened:
            ok = self.opened.wait_for(lambda: len(self.connections) >= count, timeout)
        assert ok, f"{len(self.connections)} connection(s) after {timeout} s, not {count}"
        return time.monotonic() - started

    def send(self, envelope: dict[str, Any]) -> int:
        """Send to the newest connection; its number."""
        with self.opened:
            ws, number = self.connections[-1], len(self.connections)
        ws.send(json.dumps(envelope))
        return number

    def ack(self, envelope_id: str, timeout: float = 10.0) -> tuple[int, dict[str, Any]]:
        """The first ack of `envelope_id` (other acks met meanwhile are put back)."""
        deadline = time.monotonic() + timeout
        others = []
        try:
            while True:
                left = deadline - time.monotonic()
                assert left > 0, f"no ack of {envelope_id} within {timeout} s"
                try:
                    number, message = self.acks.get(timeout=left)
                except queue.Empty:
                    continue
                if message.get("envelope_id") == envelope_id:
                    return number, message
                others.append((number, message))
        finally:
            for item in others:
                self.acks.put(item)

    def close(self) -> None:
        self.server.shutdown()


class Relay:
    """A TCP relay in front of `port`: carries bytes both ways until told otherwise."""

    def __init__(self, port: int) -> None:
        self.target = port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.pairs: list[tuple[socket.socket, socket.socket, threading.Event,
                               threading.Event]] = []
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target))
            frozen, cut = threading.Event(), threading.Event()
            with self.lock:
                self.pairs.append((client, upstream, frozen, cut))
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b, frozen, cut),
                                 daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket, frozen: threading.Event,
              cut: threading.Event) -> None:
        source.settimeout(0.1)
        while not cut.is_set():
            if frozen.is_set():  # carry nothing more, close nothing: half-open
                cut.wait(0.1)
                continue
            try:
                data = source.recv(65536)
            except TimeoutError:
                continue
            except OSError:
                return
            if not data:
                return
            if frozen.is_set():
                continue
            try:
                sink.sendall(data)
            except OSError:
                return

    def drop(self, *, reset: bool = False) -> None:
        """Cut every current connection, no close frame: the bot's end reads end of file
        (a FIN), or with `reset` its next read fails (an RST)."""
        with self.lock:
            pairs, self.pairs = self.pairs, []
        for client, upstream, _, cut in pairs:
            cut.set()  # the pumps stop (a frozen one would otherwise idle on for ever)
            for sock in (client, upstream):
                if reset:
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                    struct.pack("ii", 1, 0))
                else:
                    with contextlib.suppress(OSError):
                        sock.shutdown(socket.SHUT_RDWR)
                sock.close()

    def freeze(self) -> None:
        """Stop carrying bytes on every current connection, leaving them open."""
        with self.lock:
            for _, _, frozen, _ in self.pairs:
                frozen.set()

    def close(self) -> None:
        self.drop()
        self.listener.close()


def command_envelope(envelope_id: str, response_url: str) -> dict[str, Any]:
    return {"envelope_id": envelope_id, "type": "slash_commands",
            "accepts_response_payload": True,
            "payload": {"team_id": "T0TEST", "channel_id": "C0WARD1", "user_id": "U0STAFF1",
                        "command": "/guidance", "text": "", "api_app_id": "A0APP",
                        "response_url": response_url, "trigger_id": f"1.2.{envelope_id}"}}


def click_envelope(envelope_id: str, payload: dict[str, Any]) -> dict[str, Any]:
    return {"envelope_id": envelope_id, "type": "interactive",
            "accepts_response_payload": False, "payload": payload}
