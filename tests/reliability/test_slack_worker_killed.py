"""A gunicorn worker killed mid-interview (issue 12): the real `decision-aid slack --http`
with two workers, an interview played by signed clicks over 127.0.0.1. The worker that
served the last click (found by the socket of the kept-alive connection it answered on)
is SIGKILLed; the next click, served by another worker, continues from the state carried
in the button's value, to the same next question and the same result as an interview
nobody interrupted."""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

pytest.importorskip("slack_bolt")
pytest.importorskip("gunicorn")

from slackbot.test_server_process import COMMAND, bot_env, read_events

from decision_aid.slack.fake_api import FakeSlack
from decision_aid.slack.signed_requests import SlackSim, buttons

from . import processes

pytestmark = pytest.mark.e2e
FORM = "application/x-www-form-urlencoded"


def workers_of(master: int) -> list[int]:
    return [int(p) for p in Path(f"/proc/{master}/task/{master}/children").read_text().split()]


def alive(pid: int) -> bool:
    """Running (not gone, not a zombie waiting for gunicorn's master to reap it)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def server_socket_inode(server_port: int, client_port: int) -> str:
    """The inode of the server side of the loopback connection from `client_port`."""
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local, remote = fields[1].split(":")[1], fields[2].split(":")[1]
        if int(local, 16) == server_port and int(remote, 16) == client_port:
            return fields[9]
    raise AssertionError(f"no server socket for client port {client_port}")


def holder_of(inode: str, pids: list[int]) -> int:
    """The process among `pids` that holds the socket `inode` open."""
    for pid in pids:
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                if str(fd.readlink()) == f"socket:[{inode}]":
                    return pid
            except OSError:
                continue
    raise AssertionError(f"no worker holds socket {inode}")


class Person:
    """Clicks through one interview; each click on a kept-alive connection, so the worker
    that answered it can be found; replies come back through the fake's response_url."""

    def __init__(self, port: int, fake: FakeSlack, name: str) -> None:
        self.port = port
        self.fake = fake
        self.url = fake.response_url(name)
        self.name = name
        self.sim = SlackSim(f"http://127.0.0.1:{port}")
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        self.seen = 0

    def send(self, body: str) -> http.client.HTTPResponse:
        stamp = str(int(time.time()))
        signature = self.sim.verifier.generate_signature(timestamp=stamp, body=body) or ""
        self.conn.request("POST", "/slack/events", body=body.encode(), headers={
            "Content-Type": FORM, "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": signature})
        response = self.conn.getresponse()
        response.read()
        return response

    def start(self) -> list[dict[str, Any]]:
        reply = self.sim.command("", response_url=self.url)
        assert reply.status == 200
        blocks: list[dict[str, Any]] = reply.json()["blocks"]
        return blocks

    def click(self, blocks: list[dict[str, Any]], button: dict[str, Any]
              ) -> list[dict[str, Any]]:
        """Press `button` and return the screen the bot posts in its place."""
        payload = self.sim.click_payload(button, response_url=self.url, blocks=blocks)
        assert self.send(urlencode({"payload": json.dumps(payload)})).status == 200
        self.seen += 1
        posted = self.fake.wait_count(f"/response/{self.name}", self.seen, timeout=15)
        body = posted[self.seen - 1].body
        assert body.get("replace_original") is True, body
        screen: list[dict[str, Any]] = body["blocks"]
        return screen

    def last_worker(self, workers: list[int]) -> int:
        client_port = self.conn.sock.getsockname()[1]
        return holder_of(server_socket_inode(self.port, client_port), workers)

    def reconnect(self) -> None:
        self.conn.close()
        self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)

    def close(self) -> None:
        self.conn.close()


def words(blocks: list[dict[str, Any]]) -> list[str]:
    """What the person reads on a screen: every text, no button values (signed state)."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "text" and isinstance(value, str):
                    found.append(value)
                elif key not in ("value", "action_id", "block_id"):
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(blocks)
    return found


def next_button(blocks: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The first answer (or Continue) on a question screen; None on a result."""
    return next((b for b in buttons(blocks)
                 if b["action_id"].split(".")[0] in ("da_answer", "da_continue")), None)


def topic_button(picker: list[dict[str, Any]]) -> dict[str, Any]:
    return next(b for b in buttons(picker) if b["value"].startswith("friend-requests"))


@pytest.fixture
def people(fake: FakeSlack) -> Iterator[Any]:
    made: list[Person] = []

    def make(port: int, name: str) -> Person:
        made.append(Person(port, fake, name))
        return made[-1]

    yield make
    for person in made:
        person.close()


@pytest.fixture
def server(fake: FakeSlack, tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], int]]:
    proc, log = processes.start([*COMMAND, "--http", "--host", "127.0.0.1", "--port", "0",
                                 "--workers", "2", "--threads", "4"],
                                bot_env(fake, LOG_LEVEL="INFO", DECISION_AID_RATE_LIMIT="0"),
                                tmp_path)
    try:
        port = int(read_events(log, "server.listening")[-1]["port"])  # type: ignore[arg-type]
        deadline = time.monotonic() + 20
        while len(workers_of(proc.pid)) < 2:
            assert time.monotonic() < deadline, "gunicorn did not start two workers"
            time.sleep(0.05)
        yield proc, port
    finally:
        processes.stop(proc, log)


def test_a_worker_killed_mid_interview_the_next_click_continues_on_another(
        server: tuple[subprocess.Popen[str], int], fake: FakeSlack, people: Any) -> None:
    proc, port = server

    # The interview nobody interrupts: the first answer to every question, to the result.
    reference = people(port, "reference")
    picker = reference.start()
    screen = reference.click(picker, topic_button(picker))
    expected = [words(screen)]
    while (button := next_button(screen)) is not None:
        screen = reference.click(screen, button)
        expected.append(words(screen))
    assert len(expected) >= 4 and "Sources" in json.dumps(screen)  # a cited result

    # The same interview; after the first answer, the worker that served it is killed.
    person = people(port, "interrupted")
    picker = person.start()
    screens = [person.click(picker, topic_button(picker))]
    button = next_button(screens[-1])
    assert button is not None
    screens.append(person.click(screens[-1], button))
    workers = workers_of(proc.pid)
    served = person.last_worker(workers)
    os.kill(served, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while alive(served):
        assert time.monotonic() < deadline, "the worker did not die"
        time.sleep(0.02)

    person.reconnect()  # its kept-alive connection died with the worker
    while (button := next_button(screens[-1])) is not None:
        screens.append(person.click(screens[-1], button))
        if len(screens) == 3:  # the click right after the kill: another worker served it
            assert person.last_worker(workers_of(proc.pid)) != served

    assert [words(s) for s in screens] == expected
    assert proc.poll() is None  # the server lives on; gunicorn replaces the worker
    assert sum(1 for c in fake.of("/response/interrupted")) == len(expected)
