"""A running bot for tests: the real app over real HTTP on 127.0.0.1 against FakeSlack.

`bot` serves the WSGI app the production server runs (wsgi.SlackWsgi around build_app)
on a threaded loopback server at port 0, with the built-in packs; the Web API client and
every response_url point at the fake, which records each call.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest

pytest.importorskip("slack_bolt")

from decision_aid.core import KnowledgeBaseHolder, default_layers
from decision_aid.slack.config import SlackConfig
from decision_aid.slack.fake_api import GOOD_TOKEN, FakeSlack
from decision_aid.slack.runtime import Runtime, assemble
from decision_aid.slack.signed_requests import SECRET, SlackSim


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@cache
def builtin_holder() -> KnowledgeBaseHolder:
    return KnowledgeBaseHolder(default_layers(environ={}))


def config_for(fake: FakeSlack, **changes: Any) -> SlackConfig:
    base: dict[str, Any] = {"bot_token": GOOD_TOKEN, "signing_secret": SECRET,
                            "api_url": fake.api_url, "rate_limit": 0}
    base.update(changes)
    return SlackConfig(**base)


@dataclass
class Bot:
    runtime: Runtime
    sim: SlackSim
    fake: FakeSlack
    url: str


class Served:
    """A WSGI app on 127.0.0.1, port chosen by the OS; closed by `close()`."""

    def __init__(self, wsgi: Any) -> None:
        self.server = make_server("127.0.0.1", 0, wsgi, server_class=_ThreadingServer,
                                  handler_class=_QuietHandler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    server = FakeSlack()
    yield server
    server.close()


def start_bot(fake: FakeSlack, served: list[Served], **changes: Any) -> Bot:
    runtime = assemble(config_for(fake, **changes), [], socket_mode=False,
                       holder=builtin_holder())
    server = Served(runtime.wsgi)
    served.append(server)
    return Bot(runtime, SlackSim(server.url), fake, server.url)


@pytest.fixture
def bots(fake: FakeSlack) -> Iterator[Any]:
    """A factory of bots (replicas) sharing the fake; all closed at the end."""
    served: list[Served] = []

    def make(**changes: Any) -> Bot:
        return start_bot(fake, served, **changes)

    yield make
    for server in served:
        server.close()


@pytest.fixture
def bot(bots: Any) -> Bot:
    made: Bot = bots()
    return made


def counted(bot: Bot, metric: str) -> float:
    """The sum of a counter over all its labels (e.g. "decision_aid_slack_requests")."""
    return sum(sample.value for family in bot.runtime.metrics.registry.collect()
               if family.name == metric for sample in family.samples
               if sample.name == f"{metric}_total")
