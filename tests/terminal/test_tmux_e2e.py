"""End to end in a real terminal: tmux runs the command line, we type keys, read the screen
(the harness is tests/terminal/tmux.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .tmux import Tmux, interview_command

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


def test_full_interview_with_back_and_change(term: Tmux, isolated_home: Path) -> None:
    term.start(interview_command(isolated_home))
    term.wait_text("Describe your situation, or type a topic number:")
    term.type("1")
    term.key("Enter")
    term.wait_text("❯ 1. A patient")
    term.type("1")                                       # A patient
    term.wait_text("Which account received it?")
    term.key("Left")                                     # back, "A patient" pre-selected
    term.wait_text("← back")
    term.key("Enter")
    term.wait_text("✔ Who sent the request? — A patient", count=2)
    term.type("1")                                       # My personal account
    term.wait_text("Does the message describe urgent symptoms?")
    term.type("2")                                       # No
    screen = term.wait_text("What next?")
    assert " AVOID " in screen
    assert "Don't accept; decline kindly and redirect." in screen
    assert "Example source for the demo pack" not in screen   # the summary comes first
    term.type("d")                                       # the full result
    screen = term.wait(lambda s: "Example source for the demo pack (not a real reference)."
                       in s and "What next?" in s, "the full result and the menu")
    after = screen[screen.rindex(" AVOID "):]                # the verdict closes the result,
    assert "Example source" not in after and "What next?" in after  # just above the menu

    term.type("c")                                       # change an answer
    term.wait_text("Which answer do you want to change?")
    term.type("1")
    term.wait_text("Change an answer")
    term.type("2")                                       # A colleague
    term.wait_text("Which of these hold for the colleague?")
    term.type("1")
    term.type("2")
    term.key("Enter")
    screen = term.wait(lambda s: " ACCEPTABLE " in s and "What next?" in s, "the new result")
    assert "No longer applies, so dropped: Which account received it?" in screen
    assert " ACCEPTABLE " in screen
    assert "Accepting is reasonable; keep confidentiality in mind." in screen
    term.type("q")
    screen = term.wait_text("EXIT=")
    assert "EXIT=0" in screen
    assert "Traceback" not in screen


def test_ctrl_c_leaves_cleanly_with_130(term: Tmux, isolated_home: Path) -> None:
    term.start(interview_command(isolated_home))
    term.wait_text("Describe your situation, or type a topic number:")
    term.type("1")
    term.key("Enter")
    term.wait_text("Who sent the request?")
    term.key("C-c")
    screen = term.wait_text("EXIT=")
    assert "Interrupted." in screen
    assert "EXIT=130" in screen
    assert "Traceback" not in screen


@pytest.mark.parametrize("width", [100, 40])
def test_identifying_description_is_wiped_from_the_screen(term: Tmux, isolated_home: Path,
                                                          width: int) -> None:
    term.start(interview_command(isolated_home), width=width)
    term.wait_words("Describe your situation, or type a topic number:")
    term.type("Mrs Zelda Quinlan, DOB 03/04/1961, sent me a request")
    term.key("Enter")
    screen = term.wait_words("Describe it again without identifiers")
    assert "! This looks like it may identify a patient" in " ".join(screen.split())
    assert "Zelda" not in screen and "1961" not in screen
