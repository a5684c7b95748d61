"""A checklist taller than the screen scrolls in a real terminal: the cursor's option, the
question and the key hints stay in view at 40x30 and 100x30 (#9 item 3)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .screen_words import broken_words
from .tmux import Tmux, command_line

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

CHECKLIST = "tests/fixtures/terminal/checklist"
FIRST = "Names (of the patient"
LAST = "I'm not sure what is left"  # its first line at 40 columns
HINTS_END = "Ctrl-C quit"


def flat(screen: str) -> str:
    return " ".join(screen.split())


def cursor_line(screen: str) -> str:
    lines = [line for line in screen.splitlines() if line.startswith("❯ ")]
    assert len(lines) == 1, screen
    return lines[0]


def in_view(screen: str, width: int) -> None:
    """The question, the cursor and the hints are all on the screen, nothing cut."""
    lines = screen.rstrip("\n").splitlines()
    assert "Which of these are still present" in flat(screen), screen
    assert lines[-1].rstrip().endswith(HINTS_END), screen
    cursor_line(screen)
    assert broken_words(screen, width) == []


@pytest.mark.parametrize("width", [40, 100])
def test_a_twelve_option_checklist_scrolls_with_the_cursor(term: Tmux, isolated_home: Path,
                                                           width: int) -> None:
    term.start(command_line(isolated_home, ["interview", "--rules", CHECKLIST,
                                            "long-checklist"]), width=width, height=30)
    term.wait_words(HINTS_END)
    screen = term.visible()
    in_view(screen, width)
    assert FIRST in flat(cursor_line(screen) + screen)
    if width == 40:
        assert LAST not in flat(screen)          # it does not fit: the list scrolls ...
        assert "↓" in screen and "more" in screen

    term.key("Space")                            # tick the first option
    for _ in range(11):                          # ... down to the last option
        term.key("Down")
    screen = term.wait(lambda s: LAST in flat(cursor_line(s)) if s.count("❯ ") == 1 else False,
                       "the cursor on the last option")
    screen = term.visible()
    in_view(screen, width)
    if width == 40:
        assert FIRST not in flat(screen)
        assert "↑" in screen and "more" in screen

    term.key("Up")                               # the window stays put while the cursor is in it
    screen = term.wait(lambda s: LAST not in flat(cursor_line(s)), "the cursor to move up")
    in_view(term.visible(), width)
    assert LAST in flat(term.visible())

    term.key("Enter")
    screen = term.wait_words("What next?")
    assert "Don't post it until every identifier is gone." in flat(screen)
    term.type("q")
    assert "EXIT=0" in term.wait_text("EXIT=")
