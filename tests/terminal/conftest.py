"""Fixtures for terminal tests: a fake router, prompt_toolkit pipe input, a tmux terminal."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput

from decision_aid.core import KnowledgeBase, Topic

from .tmux import Tmux

# Key bytes as a terminal sends them.
DOWN, UP, LEFT, ENTER, SPACE = "\x1b[B", "\x1b[A", "\x1b[D", "\r", " "
CTRL_C, CTRL_D = "\x03", "\x04"


class Keys:
    """Keys typed into every prompt_toolkit application run inside the test.

    `type()` sends them all and closes the input, so a test whose keys run out ends with
    EOFError instead of waiting for ever.
    """

    def __init__(self, pipe: PipeInput) -> None:
        self.pipe = pipe

    def type(self, text: str) -> None:
        self.pipe.send_text(text)
        self.pipe.close()


@pytest.fixture
def keys() -> Iterator[Keys]:
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield Keys(pipe)


@dataclass(frozen=True)
class FakePrefill:
    question: str
    option: str
    phrase: str = ""


@dataclass(frozen=True)
class FakeMatch:
    topic: Topic
    score: float
    prefill: tuple[FakePrefill, ...] = ()


class FakeRouter:
    """Routes every text to the demo topic with a prefilled requester; counts its calls."""

    def __init__(self, prefill: Sequence[FakePrefill] = (FakePrefill("requester", "patient"),)
                 ) -> None:
        self.prefill = tuple(prefill)
        self.calls = 0

    def __call__(self, kb: KnowledgeBase, text: str) -> list[FakeMatch]:
        self.calls += 1
        return [FakeMatch(kb.topics["demo-requests"], 82.0, self.prefill)]


@pytest.fixture
def router() -> FakeRouter:
    return FakeRouter()


@pytest.fixture
def term(isolated_home: Path) -> Iterator[Tmux]:
    """A private tmux server, killed after the test (start it with `term.start(...)`)."""
    tmux = Tmux()
    try:
        yield tmux
    finally:
        tmux.kill()
