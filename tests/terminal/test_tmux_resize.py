"""A terminal resized mid-question (issue 12): after `tmux resize-window` the question and
the cursor are still on screen, nothing typed is lost, and the answer given after the
resize is the one recorded. In the full-screen interview and in plain mode alike."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .tmux import Tmux, interview_command

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


def resize(term: Tmux, width: int, height: int) -> None:
    term.tmux("resize-window", "-x", str(width), "-y", str(height))
    term.wait(lambda s: term.tmux("display-message", "-p", "#{window_width}").strip()
              == str(width), f"the window at {width} columns")


def cursor_on_screen(term: Tmux) -> bool:
    y, height = term.tmux("display-message", "-p", "#{cursor_y} #{pane_height}").split()
    return 0 <= int(y) < int(height)


def visible_words(term: Tmux) -> str:
    return " ".join(term.visible().split())


@pytest.mark.parametrize(("first", "then"), [((100, 30), (40, 16)), ((40, 20), (120, 40))],
                         ids=["shrink", "grow"])
def test_a_resize_mid_question_keeps_the_question_and_the_answer(
        term: Tmux, isolated_home: Path, first: tuple[int, int], then: tuple[int, int]) -> None:
    term.start(interview_command(isolated_home), width=first[0], height=first[1])
    term.wait_words("Describe your situation, or type a topic number:")
    term.type("my patient sent me")                      # half a description, then a resize
    resize(term, *then)
    term.wait(lambda s: "my patient sent me" in " ".join(s.split()), "the typed words kept")
    assert cursor_on_screen(term)
    term.type(" a demo request, quite odd")
    term.key("Enter")
    term.wait_words("Which topic fits best?")
    term.key("Enter")                                    # Demo, the closest
    term.wait_words("From your description")            # the whole text was routed
    assert "Who sent the request? — A patient" in " ".join(term.screen().split())
    term.key("Enter")                                    # use the answers read from it
    term.wait_words("Which account received it?")
    resize(term, *first)                                 # again, at a question
    term.wait(lambda s: "Which account received it?" in visible_words(term),
              "the question on screen after the resize")
    assert cursor_on_screen(term)
    term.type("1")                                       # My personal account
    term.wait_words("Does the message describe urgent symptoms?")
    resize(term, *then)
    term.wait(lambda s: "urgent symptoms?" in visible_words(term), "the question")
    assert cursor_on_screen(term)
    term.type("2")                                       # No
    screen = term.wait_words("What next?")
    words = " ".join(screen.split())
    assert "AVOID" in words and "Traceback" not in screen
    term.type("q")
    assert "EXIT=0" in term.wait_text("EXIT=")


def test_a_resize_mid_question_in_plain_mode(term: Tmux, isolated_home: Path) -> None:
    term.start(interview_command(isolated_home, "--plain", "demo-requests"), width=100,
               height=30)
    term.wait_words("Who sent the request?")
    resize(term, 40, 12)
    term.wait(lambda s: "Answer (a number" in visible_words(term), "the prompt on screen")
    assert cursor_on_screen(term)
    term.type("2")                                       # A colleague, after the resize
    term.key("Enter")
    screen = term.wait_words("Which of these hold for the colleague?")
    assert "Traceback" not in screen
    resize(term, 100, 30)
    term.key("C-c")
    assert "EXIT=130" in term.wait_text("EXIT=")
