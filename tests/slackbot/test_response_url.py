"""response_url posts: a click is acked without waiting for its reply, kept-alive
connections are reused, a connection the server dropped while idle never loses a reply,
failures are bounded and raised as before, the proxy comes from the environment (NO_PROXY
honoured), and a forked worker never shares its parent's sockets."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.error import URLError

import pytest

from decision_aid.slack import response_url
from decision_aid.slack.fake_api import AUTH_TEST
from decision_aid.slack.response_url import ResponseUrlPoster
from decision_aid.slack.signed_requests import buttons

from .conftest import Bot

MESSAGE = {"replace_original": True, "text": "Next question", "blocks": [], "thread_ts": None}


class Recorder:
    """A loopback HTTP/1.1 server counting connections and recording each request."""

    def __init__(self, *, close_after_reply: bool = False, hold: bool = False) -> None:
        self.connections = 0
        self.requests: list[tuple[str, dict[str, str], Any]] = []
        self.arrived = threading.Event()
        self.release = threading.Event()
        if not hold:
            self.release.set()
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def setup(self) -> None:
                super().setup()
                recorder.connections += 1

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if self.path.startswith("/api/"):  # the Web API: the bot's token is good
                    self._answer(json.dumps(AUTH_TEST).encode())
                    return
                recorder.arrived.set()
                recorder.release.wait(10)  # held: answer only once released
                recorder.requests.append((self.path, dict(self.headers), json.loads(raw)))
                self._answer(b"ok")
                if close_after_reply:  # without saying so: the client finds out on reuse
                    self.close_connection = True

            def _answer(self, data: bytes) -> None:
                self.send_response(200)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()

    def url(self, path: str = "/response/r1") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    server = Recorder()
    yield server
    server.close()


@pytest.fixture
def poster(monkeypatch: pytest.MonkeyPatch) -> Iterator[ResponseUrlPoster]:
    for name in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    made = ResponseUrlPoster(timeout=5)
    yield made
    made.close()


def test_a_click_is_acked_while_its_reply_is_still_on_its_way(bots: Any) -> None:
    held = Recorder(hold=True)  # also the Web API, so its host is one replies may go to
    try:
        bot: Bot = bots(api_url=held.url("/api/"))
        picker = bot.sim.command("", response_url=held.url()).json()["blocks"]
        topic = next(buttons(picker))
        ack = bot.sim.click(picker, topic["text"]["text"], response_url=held.url())

        assert ack.status == 200 and ack.text == ""
        assert held.arrived.wait(5) and held.requests == []  # the reply waits on Slack
        held.release.set()
        deadline = time.monotonic() + 5
        while not held.requests:
            assert time.monotonic() < deadline, "the held reply never landed"
            time.sleep(0.02)
        assert held.requests[0][2]["replace_original"] is True
    finally:
        held.close()


def test_posts_share_one_kept_alive_connection(recorder: Recorder,
                                               poster: ResponseUrlPoster) -> None:
    statuses = [poster.post(recorder.url(f"/response/r{i}"), MESSAGE) for i in range(5)]

    assert statuses == [200] * 5
    assert recorder.connections == 1
    path, headers, body = recorder.requests[0]
    assert path == "/response/r0" and headers["Content-Type"].startswith("application/json")
    assert body == {"replace_original": True, "text": "Next question", "blocks": []}


@pytest.mark.parametrize("checked", [True, False], ids=["checked-before-reuse", "found-on-send"])
def test_a_connection_dropped_while_idle_loses_no_reply(monkeypatch: pytest.MonkeyPatch,
                                                        poster: ResponseUrlPoster,
                                                        checked: bool) -> None:
    waits: list[float] = []
    monkeypatch.setattr("slack_sdk.http_retry.handler.time.sleep", waits.append)
    server = Recorder(close_after_reply=True)
    try:
        if not checked:  # as if the close arrived after the check: found on sending
            monkeypatch.setattr(response_url, "_dropped", lambda conn: False)
        assert [poster.post(server.url(), MESSAGE) for _ in range(3)] == [200] * 3
        assert len(server.requests) == 3 and server.connections == 3
        assert waits == []  # sent again at once, no retry of the bounded ones spent
    finally:
        server.close()


def test_an_unreachable_url_fails_after_the_bounded_retries(
        monkeypatch: pytest.MonkeyPatch, poster: ResponseUrlPoster) -> None:
    waits: list[float] = []
    monkeypatch.setattr("slack_sdk.http_retry.handler.time.sleep", waits.append)
    closed = Recorder()
    url = closed.url()
    closed.close()

    with pytest.raises(URLError):
        poster.post(url, MESSAGE)
    assert len(waits) == 2  # two retries of the connection error, then the error itself


def test_an_answer_that_is_not_http_is_a_url_error(poster: ResponseUrlPoster) -> None:
    listener = socket.create_server(("127.0.0.1", 0))

    def answer_garbage() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.recv(65536)
            conn.sendall(b"SMTP ready\r\n\r\n")

    thread = threading.Thread(target=answer_garbage, daemon=True)
    thread.start()
    try:
        with pytest.raises(URLError):  # delivery.py counts an OSError, never raises it
            poster.post(f"http://127.0.0.1:{listener.getsockname()[1]}/r", MESSAGE)
    finally:
        thread.join(5)
        listener.close()


def test_not_an_http_url_is_refused_before_any_connection(poster: ResponseUrlPoster) -> None:
    with pytest.raises(URLError):
        poster.post("file:///etc/passwd", MESSAGE)


def test_the_proxy_comes_from_the_environment_and_no_proxy_is_honoured(
        monkeypatch: pytest.MonkeyPatch, recorder: Recorder) -> None:
    monkeypatch.setenv("HTTP_PROXY", f"user:secret@127.0.0.1:{recorder.port}")
    monkeypatch.delenv("HTTPS_PROXY", raising=False)
    monkeypatch.delenv("https_proxy", raising=False)
    monkeypatch.setenv("NO_PROXY", "localhost,127.0.0.1")
    direct = Recorder()
    through = ResponseUrlPoster(timeout=5)
    try:
        assert through.post("http://hooks.example.invalid/actions/T1/2/x", MESSAGE) == 200
        path, headers, _ = recorder.requests[-1]
        assert path == "http://hooks.example.invalid/actions/T1/2/x"
        assert headers["Host"] == "hooks.example.invalid"
        assert headers["Proxy-Authorization"] == "Basic dXNlcjpzZWNyZXQ="
        assert through.post(direct.url(), MESSAGE) == 200  # NO_PROXY: straight there
        assert len(recorder.requests) == 1 and len(direct.requests) == 1
    finally:
        through.close()
        direct.close()


def test_a_forked_worker_starts_without_its_parents_connections(recorder: Recorder,
                                                                monkeypatch: pytest.MonkeyPatch
                                                                ) -> None:
    for name in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(response_url, "_shared", None)
    parent = response_url.poster()
    parent.post(recorder.url(), MESSAGE)
    [(conn, _)] = next(iter(parent._idle.values()))

    response_url._forget_after_fork()  # what os.register_at_fork runs in the child

    assert conn.sock is None  # the child's copy of the socket is closed
    assert response_url.poster() is not parent
    response_url.poster().close()
