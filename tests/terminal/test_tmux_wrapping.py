"""Text wraps at word boundaries in a real terminal, at 100 and at 40 columns: the welcome,
the topic list, prompts, options, answered lines, the result and the key hints (#9 item 2)."""

from __future__ import annotations

import shutil

import pytest

from .screen_words import broken_words, too_wide
from .tmux import Tmux, command_line

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


def check(term: Tmux, width: int, text: str) -> str:
    """Wait for `text`, then check every line of the screen and its scroll-back."""
    screen = term.wait_words(text)
    assert broken_words(screen, width) == [], screen
    assert too_wide(screen, width) == []
    return screen


@pytest.mark.parametrize("width", [100, 40])
def test_a_friend_request_interview_wraps_at_words(term: Tmux, width: int) -> None:
    term.start(command_line(None, ["interview"]), width=width, height=30)
    screen = check(term, width, "number:")
    assert "Friend and follow requests" in " ".join(screen.split())
    term.type("2")
    term.key("Enter")
    check(term, width, "Who sent the request")
    term.type("1")                                # a current patient
    check(term, width, "What kind of connection is it?")
    term.type("1")                                # "... on my personal account"
    screen = check(term, width, "romantic")
    assert "on my personal account" in " ".join(screen.split())
    term.type("2")                                # not romantic
    check(term, width, "Did you know them socially")
    term.type("2")                                # no prior tie
    check(term, width, "a doctor in training?")
    term.type("2")                                # not a trainee
    screen = check(term, width, "What next?")
    assert "Ctrl-C quit" in " ".join(screen.split())
    term.type("q")
    assert "EXIT=0" in term.wait_text("EXIT=")


@pytest.mark.parametrize("width", [100, 40])
def test_the_longest_options_wrap_at_words(term: Tmux, width: int) -> None:
    term.start(command_line(None, ["interview"]), width=width, height=30)
    term.wait_text("number:")
    term.type("1")                                # colleagues' posts: eleven long options
    term.key("Enter")
    check(term, width, "What is the situation?")
    term.type("1")
    check(term, width, "Where was it shared?")


def test_the_plain_interview_on_a_terminal_wraps_at_words(term: Tmux) -> None:
    term.start(command_line(None, ["interview", "--plain"]), width=40, height=30)
    check(term, 40, "Choose a number:")
    term.type("2\n")                              # friend and follow requests
    check(term, 40, "? why, b back, r restart):")
    term.type("1\n")
    screen = check(term, 40, "What kind of connection is it?")
    assert "on my personal account" in " ".join(screen.split())


def test_topics_on_a_terminal_wraps_at_words(term: Tmux) -> None:
    term.start(command_line(None, ["topics", "friend-requests"]), width=40, height=30)
    screen = check(term, 40, "EXIT=0")
    assert "on my personal account" in " ".join(screen.split())
