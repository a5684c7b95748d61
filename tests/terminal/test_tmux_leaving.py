"""Leaving in a real terminal: Ctrl-D is a normal end, Ctrl-C an interrupt whose message
starts on a line of its own, in both modes (#9 item 10)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .tmux import Tmux, interview_command

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

MODES = [pytest.param((), "Describe your situation, or type a topic number:", id="rich"),
         pytest.param(("--plain",), "Choose a number:", id="plain")]


@pytest.mark.parametrize(("mode", "first_prompt"), MODES)
@pytest.mark.parametrize(("key", "code", "said"), [
    pytest.param("C-d", 0, "Left the interview.", id="ctrl-d-a-normal-exit"),
    pytest.param("C-c", 130, "Interrupted.", id="ctrl-c-an-interrupt"),
])
def test_leaving_at_the_first_prompt(term: Tmux, isolated_home: Path, mode: tuple[str, ...],
                                     first_prompt: str, key: str, code: int, said: str
                                     ) -> None:
    term.start(interview_command(isolated_home, *mode))
    term.wait_text(first_prompt)
    term.key(key)
    screen = term.wait_text("EXIT=")
    assert f"EXIT={code}" in screen
    assert said in screen.splitlines()  # a line of its own, not after the prompt
    assert "Traceback" not in screen
    if code == 0:
        assert "Interrupted" not in screen
