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
def test_ctrl_d_at_the_first_prompt_is_a_normal_exit(term: Tmux, isolated_home: Path,
                                                     mode: tuple[str, ...],
                                                     first_prompt: str) -> None:
    term.start(interview_command(isolated_home, *mode))
    term.wait_text(first_prompt)
    term.key("C-d")
    screen = term.wait_text("EXIT=")
    assert "EXIT=0" in screen
    assert "Interrupted" not in screen and "Traceback" not in screen


@pytest.mark.parametrize(("mode", "first_prompt"), MODES)
def test_ctrl_c_at_a_prompt_says_interrupted_on_a_new_line(term: Tmux, isolated_home: Path,
                                                           mode: tuple[str, ...],
                                                     first_prompt: str) -> None:
    term.start(interview_command(isolated_home, *mode))
    term.wait_text(first_prompt)
    term.key("C-c")
    screen = term.wait_text("EXIT=")
    assert "EXIT=130" in screen
    assert "Interrupted." in screen.splitlines()  # a line of its own, not after the prompt
    assert "Traceback" not in screen
